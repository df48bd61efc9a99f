package com.wixanswers.wfm.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Calabrio on 127.0.0.1 that accepts every request and counts requests, bytes and rows (by the
 * rows' {@code "IntervalStart"} keys, so counting costs a scan, not a parse).
 */
final class LoopbackSink implements AutoCloseable {
    private static final byte[] ROW_MARKER = "\"IntervalStart\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ANSWER = "{\"Successful\":true}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong rows = new AtomicLong();

    LoopbackSink() throws IOException {
        // Without TCP_NODELAY every small answer waits on the peer's delayed ACK (~40 ms): a sink artefact, not
        // a cost of the pipeline.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.incrementAndGet();
            bytes.addAndGet(body.length);
            rows.addAndGet(countRows(body));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static long countRows(byte[] body) {
        long count = 0;
        outer:
        for (int index = 0; index <= body.length - ROW_MARKER.length; index++) {
            for (int offset = 0; offset < ROW_MARKER.length; offset++) {
                if (body[index + offset] != ROW_MARKER[offset]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
