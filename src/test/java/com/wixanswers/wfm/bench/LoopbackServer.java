package com.wixanswers.wfm.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 for the benchmarks' stand-ins: keep-alive connections, requests with a
 * Content-Length (as HTTP clients send them), one thread per connection, answers 200 with the handler's JSON. It
 * costs the measurement as little as a server can, so what is measured is the client side, the pipeline.
 */
final class LoopbackServer implements AutoCloseable {
    private static final String CONTENT_LENGTH = "content-length:";

    private final ServerSocket socket;
    private final UnaryOperator<byte[]> handler;

    /** A 200 answer carrying {@code body}, head and body in one array, as {@link #LoopbackServer}'s handler gives it. */
    static byte[] ok(byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        return response;
    }

    /** A 429 answer, with a {@code Retry-After} of so many seconds where it is not null. */
    static byte[] tooManyRequests(Integer retryAfterSeconds) {
        byte[] body = "{\"Message\":\"rate limit exceeded\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
                + (retryAfterSeconds == null ? "" : "Retry-After: " + retryAfterSeconds + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] response = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        return response;
    }

    /** @param handler request body → the whole response ({@link #ok}), made before the request where it can be */
    LoopbackServer(UnaryOperator<byte[]> handler) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "loopback-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                // Room for a whole answer (600 KB for 5,000 agents), so the server writes it at once instead of
                // waking up for every window the client frees.
                connection.setSendBufferSize(4 << 20);
                Thread serving = new Thread(() -> serve(connection), "loopback-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
             OutputStream out = connection.getOutputStream()) {
            while (true) {
                int length = readHeaders(in);
                if (length < 0) {
                    return;
                }
                // Head and body in one write: two would be two packets, and the client woken twice.
                out.write(handler.apply(in.readNBytes(length)));
                out.flush();
            }
        } catch (IOException e) {
            // the client closed the connection
        }
    }

    /** Reads a request's header lines; answers its Content-Length, or -1 at the end of the stream. */
    private static int readHeaders(InputStream in) throws IOException {
        int length = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            line.setLength(0);
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            if (c == -1) {
                return -1;
            }
            String header = line.toString().strip();
            if (header.isEmpty()) {
                return length;
            }
            if (header.regionMatches(true, 0, CONTENT_LENGTH, 0, CONTENT_LENGTH.length())) {
                length = Integer.parseInt(header.substring(CONTENT_LENGTH.length()).strip());
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
