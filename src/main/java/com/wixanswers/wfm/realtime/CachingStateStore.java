package com.wixanswers.wfm.realtime;

import java.util.Optional;

/**
 * Keeps the last state this process saved, and reads the stored one again only when its ETag moved (a
 * conditional read that moves no data otherwise): the Functions worker lives across ticks, and decoding 5,000
 * agents every minute is work for nothing. A state handed out and not saved back is never reused, since the tick
 * may have changed it half-way.
 */
public final class CachingStateStore implements StateStore {
    private final StateStore stored;
    private Versioned cached;

    public CachingStateStore(StateStore stored) {
        this.stored = stored;
    }

    @Override
    public synchronized Versioned load() {
        Versioned clean = cached;
        cached = null;
        if (clean != null && clean.etag() != null) {
            Optional<Versioned> changed = stored.loadIfChanged(clean.etag());
            return changed.orElse(clean);
        }
        return stored.load();
    }

    @Override
    public synchronized Optional<Versioned> loadIfChanged(String etag) {
        cached = null;
        return stored.loadIfChanged(etag);
    }

    @Override
    public synchronized Optional<String> save(RealtimeState state, byte[] document, String etag) {
        Optional<String> saved = stored.save(state, document, etag);
        cached = saved.map(newEtag -> new Versioned(state, newEtag)).orElse(null);
        return saved;
    }
}
