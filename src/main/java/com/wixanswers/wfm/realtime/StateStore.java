package com.wixanswers.wfm.realtime;

import java.util.Optional;

/**
 * Where the real-time state document lives between ticks. A write names the version it was read at and is
 * refused if the document moved since, so two overlapping ticks can never corrupt it.
 */
public interface StateStore {
    /** The stored document and its version; null for both when there is none yet. */
    record Stored(byte[] document, String etag) {
        static final Stored NONE = new Stored(null, null);
    }

    Stored read();

    /** The stored document's version without its content (a cheap look), null when there is none. */
    String etag();

    /**
     * Writes {@code document} if the stored one is still at {@code etag} (or, for null, if there is none).
     *
     * @return the new version; empty when another writer got there first and nothing was written
     */
    Optional<String> write(byte[] document, String etag);

    /** Keeps a document that could not be used beside the state, under {@code name}, for someone to look at. */
    void keepAside(String name, byte[] document);
}
