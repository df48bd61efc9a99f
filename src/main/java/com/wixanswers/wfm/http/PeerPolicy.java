package com.wixanswers.wfm.http;

import java.time.Duration;
import java.util.function.BiPredicate;

/**
 * How one peer is called: timeouts, retries, the circuit breaker and the longest answer read. Every peer's policy
 * is defined in {@link PeerPolicies}.
 *
 * @param peer              the peer's name in messages ("Calabrio historical-data API")
 * @param credentialSetting the setting named when the peer refuses the credentials
 * @param connectTimeout    TCP and TLS connection
 * @param attemptTimeout    one request, from sending to the whole answer
 * @param maxRetries        retries after the first attempt, on retryable answers and I/O failures only
 * @param firstBackoff      delay before the first retry; doubles up to {@code maxBackoff}, with jitter
 * @param maxBackoff        longest delay between retries
 * @param maxRetryAfter     longest {@code Retry-After} honoured; a longer one ends the call as unavailable
 * @param maxDuration       the whole call including retries and waits
 * @param breakerFailures   consecutive failed attempts that open the circuit
 * @param breakerOpenFor    how long an open circuit fails calls fast before one trial call
 * @param maxAnswerBytes    the longest successful answer read; a longer one fails the call
 * @param maxAnswerSetting  what sets that limit, named when an answer exceeds it
 * @param retryableAnswer   which answers (status, body) are worth retrying: the peer is busy, not refusing
 */
public record PeerPolicy(
        String peer,
        String credentialSetting,
        Duration connectTimeout,
        Duration attemptTimeout,
        int maxRetries,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration maxDuration,
        int breakerFailures,
        Duration breakerOpenFor,
        long maxAnswerBytes,
        String maxAnswerSetting,
        BiPredicate<Integer, String> retryableAnswer) {

    /** The usual retryable answers: 429 and 5xx. */
    public static final BiPredicate<Integer, String> BUSY_OR_FAILING = (status, body) -> status == 429 || status >= 500;

    /**
     * The same peer probed once by an operator waiting for the answer (the doctor): one retry, a short
     * {@code Retry-After} honoured, the whole call within 20 seconds.
     */
    public PeerPolicy probing() {
        return new PeerPolicy(peer, credentialSetting, connectTimeout, attemptTimeout.compareTo(PROBE) < 0
                ? attemptTimeout : PROBE, Math.min(1, maxRetries), firstBackoff, maxBackoff,
                Duration.ofSeconds(5), PROBE, breakerFailures, breakerOpenFor, maxAnswerBytes, maxAnswerSetting,
                retryableAnswer);
    }

    private static final Duration PROBE = Duration.ofSeconds(20);

    /** The same policy with shorter waits, for tests and local stand-ins. */
    public PeerPolicy withWaits(Duration firstBackoff, Duration maxBackoff, Duration attemptTimeout) {
        return new PeerPolicy(peer, credentialSetting, connectTimeout, attemptTimeout, maxRetries, firstBackoff,
                maxBackoff, maxRetryAfter, maxDuration, breakerFailures, breakerOpenFor, maxAnswerBytes,
                maxAnswerSetting, retryableAnswer);
    }
}
