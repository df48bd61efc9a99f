package com.wixanswers.wfm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Calabrio on 127.0.0.1 that accepts every request and counts requests and rows (by a key
 * each row has once, {@code "IntervalStart"} or {@code "UserCode"}, so counting costs a scan, not a parse). It can
 * keep the bodies it received, for a benchmark to encode the same payloads again.
 */
final class LoopbackSink implements AutoCloseable {
    private static final byte[] ANSWER = "{\"Successful\":true}".getBytes(StandardCharsets.UTF_8);

    private final byte[] rowMarker;
    private final boolean keepBodies;
    private final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
    private final LoopbackServer server;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong rows = new AtomicLong();

    LoopbackSink(String rowKey, boolean keepBodies) throws IOException {
        this.rowMarker = ("\"" + rowKey + "\"").getBytes(StandardCharsets.UTF_8);
        this.keepBodies = keepBodies;
        this.server = new LoopbackServer(body -> {
            requests.incrementAndGet();
            rows.addAndGet(countRows(body, rowMarker));
            if (keepBodies) {
                bodies.add(body);
            }
            return ANSWER;
        });
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
