package com.wixanswers.wfm.realtime;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The state document in memory, with a version counter: for a CLI run without storage, the demo and tests. */
public final class MemoryStateStore implements StateStore {
    private byte[] document;
    private long version;
    private final Map<String, byte[]> keptAside = new TreeMap<>();

    @Override
    public synchronized Stored read() {
        return document == null ? Stored.NONE : new Stored(document, Long.toString(version));
    }

    @Override
    public synchronized String etag() {
        return document == null ? null : Long.toString(version);
    }

    @Override
    public synchronized Optional<String> write(byte[] newDocument, String etag) {
        boolean current = document == null ? etag == null : Long.toString(version).equals(etag);
        if (!current) {
            return Optional.empty();
        }
        document = newDocument;
        version++;
        return Optional.of(Long.toString(version));
    }

    @Override
    public synchronized void keepAside(String name, byte[] aside) {
        keptAside.put(name, aside);
    }

    /** The documents kept aside, by name. */
    public synchronized Map<String, byte[]> keptAside() {
        return Map.copyOf(keptAside);
    }
}
