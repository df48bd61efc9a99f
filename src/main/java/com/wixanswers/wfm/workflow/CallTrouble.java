package com.wixanswers.wfm.workflow;

import com.wixanswers.wfm.http.PeerException;

import java.time.Duration;

/**
 * A call to a rate-limited peer that did not go through, as an activity answers it to its orchestration, which
 * then decides: try again in a later window, or stop. Plain public fields, for both serialisers.
 */
public class CallTrouble {
    /** The pause before calls are tried again after the peer was unavailable and did not say for how long. */
    public static final Duration UNAVAILABLE_PAUSE = Duration.ofSeconds(30);
    /**
     * The pause after a 429 that did not say for how long: short, since the run's own window already keeps it
     * under the cap, and a throttled call is tried again in a later window anyway.
     */
    public static final Duration THROTTLED_PAUSE = Duration.ofSeconds(5);
    static final int TOO_MANY_REQUESTS = 429;

    /** The peer was unavailable (429, 5xx, no answer): the call is tried again in a later window. */
    public boolean unavailable;
    /** The peer answered 429: it throttles the calls, it is not failing. */
    public boolean throttled;
    /** How long the peer asked to be left alone, in seconds ({@code Retry-After}, 0 included); null: it did not say. */
    public Long retryAfterSeconds;
    /** A refusal of the credentials or a wrong setting: the run stops here, with this message. */
    public String stop;

    /**
     * Notes why a call failed: a refusal of the credentials or a wrong setting stops the run; anything else of the
     * peer's is an outage, tried again later.
     */
    public void note(RuntimeException failure) {
        if (failure instanceof PeerException peer && peer.kind() != PeerException.Kind.AUTH) {
            unavailable = true;
            throttled = peer.status() == TOO_MANY_REQUESTS;
            retryAfterSeconds = peer.retryAfter().map(Duration::toSeconds).orElse(null);
        } else {
            stop = failure.getMessage();
        }
    }

    /** Adds another call's trouble to this one's: the first stop, any unavailability, the longest pause asked. */
    public void merge(CallTrouble other) {
        stop = stop != null ? stop : other.stop;
        unavailable |= other.unavailable;
        throttled |= other.throttled;
        if (other.retryAfterSeconds != null) {
            retryAfterSeconds = retryAfterSeconds == null ? other.retryAfterSeconds
                    : Math.max(retryAfterSeconds, other.retryAfterSeconds);
        }
    }

    /**
     * How long no call may go: what the peer asked for, 0 included, else {@link #THROTTLED_PAUSE} after a 429 and
     * {@link #UNAVAILABLE_PAUSE} after an outage.
     */
    public Duration pause() {
        return retryAfterSeconds != null ? Duration.ofSeconds(retryAfterSeconds)
                : throttled ? THROTTLED_PAUSE : UNAVAILABLE_PAUSE;
    }
}
