package com.wixanswers.wfm.workflow;

import com.wixanswers.wfm.http.PeerException;

/**
 * A call to a rate-limited peer that did not go through, as an activity answers it to its orchestration, which
 * then decides: try again in a later window, or stop. Plain public fields, for both serialisers.
 */
public class CallTrouble {
    /** The peer was unavailable (429, 5xx, no answer): the call is tried again in a later window. */
    public boolean unavailable;
    /** How long the peer asked to be left alone, in seconds (0: it did not say). */
    public long retryAfterSeconds;
    /** A refusal of the credentials or a wrong setting: the run stops here, with this message. */
    public String stop;

    /**
     * Notes why a call failed: a refusal of the credentials or a wrong setting stops the run; anything else of the
     * peer's is an outage, tried again later.
     */
    public void note(RuntimeException failure) {
        if (failure instanceof PeerException peer && peer.kind() != PeerException.Kind.AUTH) {
            unavailable = true;
            retryAfterSeconds = peer.retryAfter().map(java.time.Duration::toSeconds).orElse(0L);
        } else {
            stop = failure.getMessage();
        }
    }

    /** Adds another call's trouble to this one's: the first stop, any unavailability, the longest pause. */
    public void merge(CallTrouble other) {
        stop = stop != null ? stop : other.stop;
        unavailable |= other.unavailable;
        retryAfterSeconds = Math.max(retryAfterSeconds, other.retryAfterSeconds);
    }
}
