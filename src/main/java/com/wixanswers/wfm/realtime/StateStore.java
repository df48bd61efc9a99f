package com.wixanswers.wfm.realtime;

/**
 * Where {@link RealtimeState} lives between ticks, written only if nobody wrote it since it was read, so two
 * overlapping ticks can never corrupt it.
 */
public interface StateStore {
    /** The state and the version it was read at (null: there is none yet). */
    record Versioned(RealtimeState state, String etag) {
    }

    Versioned load();

    /**
     * The state unless it is still at {@code etag}: a conditional read, which moves no data when nothing changed.
     *
     * @return empty when the stored state is still at {@code etag}
     */
    java.util.Optional<Versioned> loadIfChanged(String etag);

    /**
     * Writes {@code document}, the JSON of {@code state} (see {@link StateDocument}), if the stored state is still
     * at {@code etag} (or, for null, if there is none).
     *
     * @return the new ETag; empty when another writer got there first and nothing was written
     */
    java.util.Optional<String> save(RealtimeState state, byte[] document, String etag);

    /** Writes {@code state}, encoded whole, under the same condition. */
    default java.util.Optional<String> save(RealtimeState state, String etag) {
        return save(state, state.toJson(), etag);
    }
}
