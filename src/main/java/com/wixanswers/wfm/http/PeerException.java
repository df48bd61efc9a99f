package com.wixanswers.wfm.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to a peer (Calabrio, Wix Answers) that did not succeed. The message says which peer, what happened
 * and, for refused credentials, which setting holds them; it never holds a secret.
 */
public class PeerException extends RuntimeException {

    /** What went wrong, which decides whether trying again later can help. */
    public enum Kind {
        /** 401/403: the credentials are wrong or lack rights. Retrying cannot help. */
        AUTH,
        /** Another 4xx, or a 200 whose answer says the request failed. Retrying the same request cannot help. */
        REJECTED,
        /** An answer that is not what the API sends (not JSON, wrong shape). */
        MALFORMED,
        /** 429, 5xx, timeouts, connection failures, open circuit: the peer may be fine again later. */
        UNAVAILABLE
    }

    private final String peer;
    private final Kind kind;
    private final int status;
    private final String peerMessage;
    private final Duration retryAfter;

    public PeerException(String peer, Kind kind, int status, String message) {
        this(peer, kind, status, message, "", null);
    }

    /** @param peerMessage the peer's own message in full (secrets blanked), for callers that parse it */
    public PeerException(String peer, Kind kind, int status, String message, String peerMessage) {
        this(peer, kind, status, message, peerMessage, null);
    }

    /** @param retryAfter how long the peer asked to be left alone ({@code Retry-After}), or null */
    public PeerException(String peer, Kind kind, int status, String message, String peerMessage, Duration retryAfter) {
        super(message);
        this.peer = peer;
        this.kind = kind;
        this.status = status;
        this.peerMessage = peerMessage;
        this.retryAfter = retryAfter;
    }

    /** How long the peer asked to wait before the next call, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The peer's own message, whole (the exception's message may shorten it); empty when there was none. */
    public String peerMessage() {
        return peerMessage;
    }

    public String peer() {
        return peer;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the last answer, or 0 where there was none. */
    public int status() {
        return status;
    }

    /** True where resending the same request later cannot succeed. */
    public boolean isPermanent() {
        return kind != Kind.UNAVAILABLE;
    }
}
