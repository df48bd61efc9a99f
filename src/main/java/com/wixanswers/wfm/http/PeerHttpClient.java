package com.wixanswers.wfm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.config.Secret;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The HTTP client of one peer: Apache HttpClient 5 (classic) under the peer's {@link PeerPolicy}. Retries 429, 5xx
 * and I/O failures with backoff, waiting at least what {@code Retry-After} asks; opens a circuit after repeated
 * failures; fails fast on 401/403 naming the credential's setting; never retries another 4xx. Error messages carry
 * the peer's own message with the call's secrets blanked out.
 *
 * <p>A call runs on the calling thread from request to answer, with no hand-off to an I/O thread: a real-time
 * tick's calls each take a fraction of a millisecond of work, less than the thread switches of an asynchronous
 * client cost on a small instance. Every attempt ends at its timeout, or at the caller's deadline, however slowly
 * the peer trickles its answer: a watchdog aborts it.
 */
public final class PeerHttpClient {
    private static final Logger LOG = Logger.getLogger(PeerHttpClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType JSON_UTF8 = ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8);
    /** Read buffer per connection: a 600 KB answer in about ten reads rather than seventy. */
    private static final int READ_BUFFER = 64 * 1024;
    /** One daemon thread for the whole process, aborting attempts that outlive their time. */
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    /** Reads an answer whole, into an array. */
    private static final AnswerReader<byte[]> WHOLE = InputStream::readAllBytes;

    /** The least time worth starting an attempt with before a deadline. */
    private static final Duration LAST_ATTEMPT = Duration.ofMillis(50);

    private final PeerPolicy policy;
    private final CloseableHttpClient http;
    private final RetryPolicy<Attempt> retry;
    private final CircuitBreaker<Attempt> breaker;

    /** Reads a successful (2xx) answer as it arrives; a malformed answer is the reader's to report. */
    @FunctionalInterface
    public interface AnswerReader<T> {
        T read(InputStream answer) throws IOException;
    }

    /** One attempt's outcome: a 2xx answer as its reader read it, or another status with the answer's text. */
    private record Attempt(int status, Object value, String text, String retryAfter) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /** A successful answer that broke off while it was read: part of it may have been used, so it is not retried. */
    private static final class AnswerBroken extends RuntimeException {
        AnswerBroken(IOException cause) {
            super(cause);
        }
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
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setBufferSize(READ_BUFFER).build())
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
        this.retry = retryPolicy(null);
        this.breaker = CircuitBreaker.<Attempt>builder()
                .handle(IOException.class)
                .handleResultIf(attempt -> attempt.status() >= 500)
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

    /**
     * Retries 429, 5xx and I/O failures: after {@code Retry-After} exactly when the peer sends it (never sooner),
     * else after a backoff with jitter. With a deadline, a wait never runs past it, and the retries end at once
     * when the peer asks for more time than is left.
     */
    private RetryPolicy<Attempt> retryPolicy(Instant deadline) {
        return RetryPolicy.<Attempt>builder()
                .handle(IOException.class)
                .handleResultIf(this::isTransient)
                .withDelayFn(context -> {
                    Duration delay = retryAfter(context.getLastResult())
                            .orElseGet(() -> backoff(context.getAttemptCount()));
                    return deadline == null ? delay : min(delay, timeLeft(deadline).minus(LAST_ATTEMPT));
                })
                .abortIf(attempt -> retryAfter(attempt).filter(wait -> wait.compareTo(policy.maxRetryAfter()) > 0
                        || deadline != null && wait.compareTo(timeLeft(deadline)) > 0).isPresent())
                .abortIf((attempt, failure) -> deadline != null
                        && timeLeft(deadline).compareTo(LAST_ATTEMPT) < 0)
                .withMaxRetries(policy.maxRetries())
                .withMaxDuration(policy.maxDuration())
                .onRetryScheduled(event -> LOG.warning(() -> String.format(Locale.ROOT,
                        "%s: %s; retry %d of %d in %.1f s", policy.peer(),
                        describe(event.getLastResult(), event.getLastException()), event.getAttemptCount(),
                        policy.maxRetries(), event.getDelay().toMillis() / 1000.0)))
                .build();
    }

    public PeerPolicy policy() {
        return policy;
    }

    /**
     * POSTs a JSON body.
     *
     * @param headers the request's headers (credentials included)
     * @param secrets every secret in the headers or body, blanked out of any message
     * @return the 2xx answer
     * @throws PeerException for anything else, after the retries the policy allows
     */
    public PeerResponse postJson(URI uri, byte[] body, Map<String, String> headers, List<Secret> secrets) {
        Attempt answer = post(uri, body, headers, secrets, retry, null, WHOLE);
        return new PeerResponse(answer.status(), (byte[]) answer.value());
    }

    /**
     * POSTs a JSON body, giving up at {@code deadline} whatever the retries left: for callers with a budget of
     * their own (a real-time tick). Each attempt's timeout and each wait end at the deadline.
     */
    public PeerResponse postJson(URI uri, byte[] body, Map<String, String> headers, List<Secret> secrets,
                                 Instant deadline) {
        Attempt answer = post(uri, body, headers, secrets, retryPolicy(requireTime(deadline)), deadline, WHOLE);
        return new PeerResponse(answer.status(), (byte[]) answer.value());
    }

    /**
     * POSTs a JSON body with a deadline, as above, and reads the 2xx answer with {@code reader} as it arrives. An
     * answer that breaks off while it is read is not retried (the reader may have used part of it): the call
     * fails as unavailable.
     */
    public <T> T postJson(URI uri, byte[] body, Map<String, String> headers, List<Secret> secrets, Instant deadline,
                          AnswerReader<T> reader) {
        Attempt answer = post(uri, body, headers, secrets, retryPolicy(requireTime(deadline)), deadline, reader);
        @SuppressWarnings("unchecked")
        T value = (T) answer.value();
        return value;
    }

    private Instant requireTime(Instant deadline) {
        if (timeLeft(deadline).compareTo(LAST_ATTEMPT) < 0) {
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " was not called: no time left before the deadline");
        }
        return deadline;
    }

    /** The checked answer of a call: a 2xx, its value read. */
    private Attempt post(URI uri, byte[] body, Map<String, String> headers, List<Secret> secrets,
                         RetryPolicy<Attempt> retries, Instant deadline, AnswerReader<?> reader) {
        int[] attempts = {0};
        Attempt answer;
        try {
            // Retry outside, breaker inside: every attempt counts towards the breaker, and an open breaker ends
            // the retries at once.
            answer = Failsafe.with(retries, breaker).get(context -> {
                attempts[0] = context.getAttemptCount() + 1;
                return attempt(uri, body, headers, attemptTimeout(deadline), reader);
            });
        } catch (CircuitBreakerOpenException e) {
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " is failing: the circuit is open after " + policy.breakerFailures()
                    + " consecutive failures, calls fail fast for " + policy.breakerOpenFor().toSeconds() + " s");
        } catch (AnswerBroken e) {
            throw unavailable(uri, e.getCause(), attempts[0], deadline, true);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw unavailable(uri, cause, attempts[0], deadline, false);
        }
        check(uri, answer, attempts[0], secrets);
        return answer;
    }

    /** One attempt, aborted by the watchdog when it outlives {@code timeout}, connecting and reading included. */
    private Attempt attempt(URI uri, byte[] body, Map<String, String> headers, Duration timeout,
                            AnswerReader<?> reader) throws IOException {
        HttpPost post = new HttpPost(uri);
        post.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build());
        post.setHeader("Accept", "application/json");
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, JSON_UTF8));
        AtomicBoolean overdue = new AtomicBoolean();
        ScheduledFuture<?> watch = WATCHDOG.schedule(() -> {
            overdue.set(true);
            post.cancel();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return http.execute(post, response -> {
                int status = response.getCode();
                HttpEntity entity = response.getEntity();
                if (status >= 200 && status < 300) {
                    try (InputStream answer = entity == null ? InputStream.nullInputStream() : entity.getContent()) {
                        return new Attempt(status, reader.read(answer), null, null);
                    } catch (IOException broken) {
                        IOException failure = overdue.get() ? new AttemptTimedOut() : broken;
                        // An answer read whole can be asked for again; one a reader has used part of cannot.
                        if (reader == WHOLE) {
                            throw failure;
                        }
                        throw new AnswerBroken(failure);
                    }
                }
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new Attempt(status, null, entity == null ? "" : EntityUtils.toString(entity,
                        StandardCharsets.UTF_8), retryAfter == null ? null : retryAfter.getValue());
            });
        } catch (IOException e) {
            throw overdue.get() ? new AttemptTimedOut() : e;
        } finally {
            watch.cancel(false);
        }
    }

    /** An attempt the watchdog aborted: it outlived its timeout. */
    private static final class AttemptTimedOut extends SocketTimeoutException {
        AttemptTimedOut() {
            super("the attempt outlived its timeout");
        }
    }

    /** @param broken the failure came while a successful answer was being read */
    private PeerException unavailable(URI uri, Throwable cause, int attempts, Instant deadline, boolean broken) {
        if (deadline != null && isTimeout(cause) && timeLeft(deadline).compareTo(LAST_ATTEMPT) < 0) {
            return new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " did not answer before the deadline (" + attempts + " attempt(s), " + uri.getPath() + ")");
        }
        String what = broken ? "'s answer broke off: it " + describeFailure(cause) : " " + describeFailure(cause);
        return new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer() + what
                + " after " + attempts + " attempt(s) (" + uri.getPath() + ")");
    }

    /** The policy's attempt timeout, cut to what is left before the deadline (at least a millisecond). */
    private Duration attemptTimeout(Instant deadline) {
        if (deadline == null) {
            return policy.attemptTimeout();
        }
        Duration timeout = min(policy.attemptTimeout(), timeLeft(deadline));
        return timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }

    private static Duration timeLeft(Instant deadline) {
        return Duration.between(Instant.now(), deadline);
    }

    private static Duration min(Duration a, Duration b) {
        Duration shorter = a.compareTo(b) <= 0 ? a : b;
        return shorter.isNegative() ? Duration.ZERO : shorter;
    }

    private void check(URI uri, Attempt answer, int attempts, List<Secret> secrets) {
        if (answer.succeeded()) {
            return;
        }
        int status = answer.status();
        String wholeMessage = Redaction.redactWhole(messageOf(answer.text()), secrets);
        String peerMessage = Redaction.redact(wholeMessage, List.of());
        if (status == 401 || status == 403) {
            throw new PeerException(policy.peer(), PeerException.Kind.AUTH, status, policy.peer()
                    + " refused the credentials (HTTP " + status + "): check the secret " + policy.credentialSetting()
                    + (peerMessage.isEmpty() ? "" : " (" + peerMessage + ")"), wholeMessage);
        }
        if (isTransient(answer)) {
            String wait = retryAfter(answer).map(d -> "; it asks to retry after " + d.toSeconds() + " s").orElse("");
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, status, policy.peer()
                    + " answered HTTP " + status + " after " + attempts + " attempt(s)" + wait
                    + (peerMessage.isEmpty() ? "" : ": " + peerMessage), wholeMessage);
        }
        throw new PeerException(policy.peer(), PeerException.Kind.REJECTED, status, policy.peer()
                + " rejected the request to " + uri.getPath() + " (HTTP " + status + ")"
                + (peerMessage.isEmpty() ? "" : ": " + peerMessage), wholeMessage);
    }

    /** Exponential backoff from the policy's first delay up to its maximum, with ±20% jitter. */
    private Duration backoff(int failedAttempts) {
        double exponential = policy.firstBackoff().toMillis() * Math.pow(2, Math.max(0, failedAttempts - 1));
        double capped = Math.min(exponential, policy.maxBackoff().toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    private boolean isTransient(Attempt attempt) {
        // Successes are never retried: their answers were read by the caller's reader.
        return attempt.status() >= 400 && policy.retryableAnswer().test(attempt.status(), attempt.text());
    }

    private static String describe(Attempt attempt, Throwable failure) {
        return attempt != null ? "HTTP " + attempt.status() : describeFailure(failure);
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof SocketTimeoutException || failure instanceof ConnectTimeoutException;
    }

    private static String describeFailure(Throwable failure) {
        if (isTimeout(failure)) {
            return "timed out";
        }
        if (failure instanceof InterruptedException || failure instanceof InterruptedIOException) {
            return "was interrupted";
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return "could not be reached (" + failure.getClass().getSimpleName() + ")";
        }
        return "failed (" + (failure == null ? "unknown" : failure.getClass().getSimpleName()) + ")";
    }

    private static Optional<Duration> retryAfter(Attempt attempt) {
        return attempt == null ? Optional.empty() : retryAfter(attempt.retryAfter());
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
