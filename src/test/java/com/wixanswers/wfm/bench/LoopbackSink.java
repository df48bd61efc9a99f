package com.wixanswers.wfm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Calabrio on 127.0.0.1 that accepts every request. It either counts requests and rows (by a key
 * each row has once, such as {@code "IntervalStart"}, so counting costs a scan, not a parse), or keeps the bodies
 * it received, for a benchmark to encode the same payloads again; keeping costs the answer nothing, so a
 * benchmark timing each request's answer keeps rather than counts.
 */
final class LoopbackSink implements AutoCloseable {
    private static final byte[] ANSWER = LoopbackServer.ok("{\"Successful\":true}".getBytes(StandardCharsets.UTF_8));

    private final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
    private final LoopbackServer server;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong rows = new AtomicLong();

    private LoopbackSink(byte[] rowMarker) throws IOException {
        this.server = new LoopbackServer(body -> {
            requests.incrementAndGet();
            if (rowMarker == null) {
                bodies.add(body);
            } else {
                rows.addAndGet(countRows(body, rowMarker));
            }
            return ANSWER;
        });
    }

    /** A sink counting the rows of every body by {@code rowKey}, keeping none. */
    static LoopbackSink counting(String rowKey) throws IOException {
        return new LoopbackSink(("\"" + rowKey + "\"").getBytes(StandardCharsets.UTF_8));
    }

    /** A sink keeping every body until {@link #takeBodies()}, counting requests only. */
    static LoopbackSink keeping() throws IOException {
        return new LoopbackSink(null);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The bodies received since the last call, which forgets them. */
    List<byte[]> takeBodies() {
        synchronized (bodies) {
            List<byte[]> taken = List.copyOf(bodies);
            bodies.clear();
            return taken;
        }
    }

    static long countRows(byte[] body, byte[] marker) {
        long count = 0;
        outer:
        for (int index = 0; index <= body.length - marker.length; index++) {
            for (int offset = 0; offset < marker.length; offset++) {
                if (body[index + offset] != marker[offset]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        server.close();
    }
}
