package com.wixanswers.wfm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.config.Secret;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The HTTP client of one peer: Apache HttpClient 5 (classic, on the calling thread) under the peer's
 * {@link PeerPolicy}, whose retries and circuit breaker are Failsafe's. Fails fast on 401/403 naming the
 * credential's setting, never retries another 4xx, and quotes the peer's own message with the call's secrets
 * blanked out before anything is cut.
 */
public final class PeerHttpClient {
    private static final Logger LOG = Logger.getLogger(PeerHttpClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType JSON_UTF8 = ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8);
    /** Every delay varies by this share either way, so that clients do not retry in step. */
    static final double JITTER = 0.2;
    /** The least time worth starting an attempt with before a deadline. */
    static final Duration LAST_ATTEMPT = Duration.ofMillis(50);
    /** An error body is read this far at most: enough for any message, and no more memory for a broken peer. */
    static final int MAX_ERROR_BYTES = 64 * 1024;
    /** Blocking reads have no overall timeout of their own: this thread aborts attempts that outlive theirs. */
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private final PeerPolicy policy;
    private final CloseableHttpClient http;
    private final CircuitBreaker<Attempt> breaker;

    /** An answer that is not a retryable one: a 2xx with its body, or a refusal with its (capped) text. */
    private record Attempt(int status, byte[] body) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A 429, a 5xx or another answer the policy retries: a failure for Failsafe, so that it is retried. */
    static class BusyAnswer extends IOException {
        final int status;
        final String text;

        BusyAnswer(int status, String text) {
            super("HTTP " + status);
            this.status = status;
            this.text = text;
        }
    }

    /** A busy answer with a {@code Retry-After}: the next attempt waits at least that long. */
    static final class AskedToWait extends BusyAnswer {
        final Duration wait;

        AskedToWait(int status, String text, Duration wait) {
            super(status, text);
            this.wait = wait;
        }
    }

    /** An attempt the watchdog aborted: it outlived its timeout. */
    private static final class AttemptTimedOut extends SocketTimeoutException {
        AttemptTimedOut() {
            super("the attempt outlived its timeout");
        }
    }

    /** A 2xx answer longer than the policy allows: not retried, the same answer would come again. */
    private static final class AnswerTooLarge extends RuntimeException {
    }

    public PeerHttpClient(PeerPolicy policy) {
        this.policy = policy;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(32)
                        .setMaxConnPerRoute(16)
                        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(policy.connectTimeout()))
                                .setSocketTimeout(Timeout.of(policy.attemptTimeout()))
                                // A connection idle for a minute between ticks may have been closed by the peer.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .build())
                // Failsafe owns retries, redirects are never followed, nothing is remembered between calls.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("wix-answers-calabrio")
                .build();
        this.breaker = CircuitBreaker.<Attempt>builder()
                .handleIf((attempt, failure) -> failure instanceof IOException
                        && !(failure instanceof BusyAnswer busy && busy.status < 500))
                .withFailureThreshold(policy.breakerFailures())
                .withDelay(policy.breakerOpenFor())
                .onOpen(event -> LOG.warning(() -> policy.peer() + ": circuit opened after "
                        + policy.breakerFailures() + " consecutive failures; calls fail fast for "
                        + policy.breakerOpenFor().toSeconds() + " s"))
                .build();
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "peer-http-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    public PeerPolicy policy() {
        return policy;
    }

    /**
     * POSTs a JSON body and answers the 2xx answer, retrying what may pass within the policy's budget.
     *
     * @param headers  the request's headers (credentials included)
     * @param secrets  every secret in the headers or body, blanked out of any message
     * @param deadline when the caller must have its answer (a real-time tick), or null for the policy's own budget;
     *                 each attempt's timeout and each wait end by then
     * @throws PeerException for anything but a 2xx, after the retries the policy allows
     */
    public PeerResponse postJson(URI uri, byte[] body, Map<String, String> headers, List<Secret> secrets,
                                 Instant deadline) {
        return call(uri, () -> {
            HttpPost post = new HttpPost(uri);
            post.setHeader("Accept", "application/json");
            post.setEntity(new ByteArrayEntity(body, JSON_UTF8));
            return post;
        }, headers, secrets, deadline);
    }

    /** GETs a document (a page, a script, an API document) as {@link #postJson} POSTs, with the same policy. */
    public PeerResponse get(URI uri, Map<String, String> headers, List<Secret> secrets, Instant deadline) {
        return call(uri, () -> new HttpGet(uri), headers, secrets, deadline);
    }

    private PeerResponse call(URI uri, Supplier<HttpUriRequestBase> request, Map<String, String> headers,
                              List<Secret> secrets, Instant deadline) {
        Instant policyEnd = Instant.now().plus(policy.maxDuration());
        Instant ends = deadline == null || deadline.isAfter(policyEnd) ? policyEnd : deadline;
        if (timeLeft(ends).compareTo(LAST_ATTEMPT) < 0) {
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " was not called: no time left before the deadline");
        }
        RetryPolicy<Attempt> retries = PeerHttpClient.<Attempt>retries(policy, ends)
                .onRetryScheduled(event -> LOG.warning(() -> String.format(Locale.ROOT,
                        "%s: %s; retry %d of %d in %.1f s", policy.peer(), describe(event.getLastException()),
                        event.getAttemptCount(), policy.maxRetries(), event.getDelay().toMillis() / 1000.0)))
                .build();
        int[] attempts = {0};
        Attempt answer;
        try {
            // Retry outside, breaker inside: every attempt counts towards the breaker, and an open breaker ends
            // the retries at once.
            answer = Failsafe.with(retries, breaker).get(context -> {
                attempts[0] = context.getAttemptCount() + 1;
                return attempt(request.get(), headers, attemptTimeout(ends));
            });
        } catch (CircuitBreakerOpenException e) {
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " is failing: the circuit is open after " + policy.breakerFailures()
                    + " consecutive failures, calls fail fast for " + policy.breakerOpenFor().toSeconds() + " s");
        } catch (AnswerTooLarge e) {
            throw new PeerException(policy.peer(), PeerException.Kind.MALFORMED, 200, String.format(Locale.ROOT,
                    "%s answered more than %,d bytes, more than %s allows; the answer was not read",
                    policy.peer(), policy.maxAnswerBytes(), policy.maxAnswerSetting()));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BusyAnswer busy) {
                throw busyAfterRetries(busy, attempts[0], secrets);
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw unavailable(uri, cause, attempts[0], ends, deadline != null);
        }
        return check(uri, answer, secrets);
    }

    /**
     * The retries of one call ending at {@code ends}: the policy's backoff and jitter, computed by Failsafe; after a
     * {@code Retry-After} never sooner than it asks (its wait is asked for stretched by the jitter, which can then
     * only lengthen it); and no retry at all when the peer asks for longer than the policy's limit or the time left.
     */
    static <R> RetryPolicyBuilder<R> retries(PeerPolicy policy, Instant ends) {
        Duration budget = timeLeft(ends).minus(LAST_ATTEMPT);
        RetryPolicyBuilder<R> retries = RetryPolicy.<R>builder()
                .handle(IOException.class)
                .withBackoff(policy.firstBackoff(), policy.maxBackoff())
                .withJitter(JITTER)
                .withDelayFnOn(context -> stretched(((AskedToWait) context.getLastException()).wait),
                        AskedToWait.class)
                .abortOn(failure -> failure instanceof AskedToWait asked
                        && (asked.wait.compareTo(policy.maxRetryAfter()) > 0
                        || asked.wait.compareTo(timeLeft(ends).minus(LAST_ATTEMPT)) > 0))
                .abortIf((attempt, failure) -> timeLeft(ends).compareTo(LAST_ATTEMPT) < 0);
        // Failsafe cuts every wait to what is left of the budget; with less left than the first delay, there is no
        // time for a retry at all.
        return budget.compareTo(policy.firstBackoff()) > 0
                ? retries.withMaxRetries(policy.maxRetries()).withMaxDuration(budget)
                : retries.withMaxRetries(0);
    }

    /** The wait to ask Failsafe for, so that after its jitter it is still at least {@code wait}. */
    static Duration stretched(Duration wait) {
        return Duration.ofNanos((long) Math.ceil(wait.toNanos() / (1 - JITTER)));
    }

    /** One attempt, aborted by the watchdog when it outlives {@code timeout}, connecting and reading included. */
    private Attempt attempt(HttpUriRequestBase request, Map<String, String> headers, Duration timeout)
            throws IOException {
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build());
        headers.forEach(request::setHeader);
        AtomicBoolean overdue = new AtomicBoolean();
        ScheduledFuture<?> watch = WATCHDOG.schedule(() -> {
            overdue.set(true);
            request.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return http.execute(request, response -> {
                int status = response.getCode();
                boolean success = status >= 200 && status < 300;
                byte[] answer = success ? read(response.getEntity(), policy.maxAnswerBytes())
                        : beginning(response.getEntity(), MAX_ERROR_BYTES);
                if (answer == null) {
                    throw new AnswerTooLarge();
                }
                String text = success ? null : new String(answer, StandardCharsets.UTF_8);
                if (!success && status >= 400 && policy.retryableAnswer().test(status, text)) {
                    Header retryAfter = response.getFirstHeader("Retry-After");
                    Optional<Duration> wait = retryAfter(retryAfter == null ? null : retryAfter.getValue());
                    throw wait.isPresent() ? new AskedToWait(status, text, wait.get()) : new BusyAnswer(status, text);
                }
                return new Attempt(status, answer);
            });
        } catch (IOException e) {
            throw overdue.get() ? new AttemptTimedOut() : e;
        } finally {
            watch.cancel(false);
        }
    }

    /** The entity's bytes, or null when there are more than {@code limit}: nothing past it is read. */
    private static byte[] read(HttpEntity entity, long limit) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > limit) {
            return null;
        }
        try (InputStream content = entity.getContent()) {
            byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return bytes.length > limit ? null : bytes;
        }
    }

    /** The first {@code limit} bytes of an error body, where a peer puts its message; the rest is never kept. */
    private static byte[] beginning(HttpEntity entity, int limit) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream content = entity.getContent()) {
            return content.readNBytes(limit);
        }
    }

    /** The policy's attempt timeout, cut to what is left before {@code ends} (at least a millisecond). */
    private Duration attemptTimeout(Instant ends) {
        Duration left = timeLeft(ends);
        Duration timeout = left.compareTo(policy.attemptTimeout()) < 0 ? left : policy.attemptTimeout();
        return timeout.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : timeout;
    }

    private static Duration timeLeft(Instant ends) {
        return Duration.between(Instant.now(), ends);
    }

    /** A 2xx answer; every other answer becomes the exception its status means. */
    private PeerResponse check(URI uri, Attempt answer, List<Secret> secrets) {
        if (answer.succeeded()) {
            return new PeerResponse(answer.status(), answer.body());
        }
        int status = answer.status();
        String peerMessage = peerMessage(answer.text(), secrets);
        if (status == 401 || status == 403) {
            throw new PeerException(policy.peer(), PeerException.Kind.AUTH, status, policy.peer()
                    + " refused the credentials (HTTP " + status + "): check the secret " + policy.credentialSetting()
                    + quoted(" (", peerMessage, ")"), peerMessage);
        }
        throw new PeerException(policy.peer(), PeerException.Kind.REJECTED, status, policy.peer()
                + " rejected the request to " + uri.getPath() + " (HTTP " + status + ")"
                + quoted(": ", peerMessage, ""), peerMessage);
    }

    private PeerException busyAfterRetries(BusyAnswer busy, int attempts, List<Secret> secrets) {
        String peerMessage = peerMessage(busy.text, secrets);
        String wait = busy instanceof AskedToWait asked ? "; it asks to retry after " + asked.wait.toSeconds() + " s"
                : "";
        return new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, busy.status, policy.peer()
                + " answered HTTP " + busy.status + " after " + attempts + " attempt(s)" + wait
                + quoted(": ", peerMessage, ""), peerMessage,
                busy instanceof AskedToWait asked ? asked.wait : null);
    }

    /**
     * The peer's own message, whole, its secrets blanked out (before and after it is read from a JSON body, which
     * may have escaped them).
     */
    private static String peerMessage(String text, List<Secret> secrets) {
        return Redaction.redactWhole(messageOf(Redaction.redactWhole(text, secrets)), secrets);
    }

    /** The message cut to a readable length, for an exception's own message; it is redacted already. */
    private static String quoted(String before, String message, String after) {
        return message.isEmpty() ? "" : before + Redaction.redact(message, List.of()) + after;
    }

    private PeerException unavailable(URI uri, Throwable cause, int attempts, Instant ends, boolean callersDeadline) {
        if (callersDeadline && isTimeout(cause) && timeLeft(ends).compareTo(LAST_ATTEMPT) < 0) {
            return new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " did not answer before the deadline (" + attempts + " attempt(s), " + uri.getPath() + ")");
        }
        return new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer() + " "
                + describe(cause) + " after " + attempts + " attempt(s) (" + uri.getPath() + ")");
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof SocketTimeoutException || failure instanceof ConnectTimeoutException;
    }

    /** What went wrong with an attempt, in words an operator can act on. */
    static String describe(Throwable failure) {
        if (failure instanceof BusyAnswer busy) {
            return "answered HTTP " + busy.status;
        }
        if (isTimeout(failure)) {
            return "timed out";
        }
        if (failure instanceof InterruptedException || failure instanceof InterruptedIOException) {
            return "was interrupted";
        }
        if (failure instanceof UnknownHostException) {
            return "could not be reached (unknown host)";
        }
        if (failure instanceof HttpHostConnectException || failure instanceof ConnectException
                || failure instanceof NoRouteToHostException) {
            return "could not be reached (connection refused)";
        }
        if (failure instanceof SocketException) {
            return "broke the connection (" + failure.getClass().getSimpleName() + ")";
        }
        if (failure instanceof IOException) {
            return "could not be reached (" + failure.getClass().getSimpleName() + ")";
        }
        return "failed (" + (failure == null ? "unknown" : failure.getClass().getSimpleName()) + ")";
    }

    /** {@code Retry-After} as seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** The peer's own message from an error body: the usual JSON fields, else the text itself. */
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : List.of("Message", "message", "detail", "title", "error_description")) {
                if (node.path(field).isTextual()) {
                    return node.path(field).asText();
                }
            }
            if (node.path("error").isTextual()) {
                return node.path("error").asText();
            }
            if (node.path("error").path("message").isTextual()) {
                return node.path("error").path("message").asText();
            }
            JsonNode errors = node.path("Errors");
            if (errors.isArray() && errors.size() > 0 && errors.get(0).path("Message").isTextual()) {
                return errors.get(0).path("Message").asText();
            }
        } catch (IOException notJson) {
            // fall through: the text itself is the message
        }
        return body;
    }
}
