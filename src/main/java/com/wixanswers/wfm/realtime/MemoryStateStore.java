package com.wixanswers.wfm.realtime;

import java.util.Optional;

/** The state in memory, as JSON with a version counter: for one CLI run without storage, and tests. */
public final class MemoryStateStore implements StateStore {
    private byte[] json;
    private long version;

    @Override
    public synchronized Versioned load() {
        return json == null ? new Versioned(new RealtimeState(), null)
                : new Versioned(RealtimeState.fromJson(json), Long.toString(version));
    }

    @Override
    public synchronized Optional<Versioned> loadIfChanged(String etag) {
        return json != null && Long.toString(version).equals(etag) ? Optional.empty() : Optional.of(load());
    }

    @Override
    public synchronized Optional<String> save(RealtimeState state, byte[] document, String etag) {
        boolean current = json == null ? etag == null : Long.toString(version).equals(etag);
        if (!current) {
            return Optional.empty();
        }
        json = document;
        version++;
        return Optional.of(Long.toString(version));
    }
}
