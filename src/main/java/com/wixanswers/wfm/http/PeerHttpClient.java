package com.wixanswers.wfm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.config.Secret;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The HTTP client of one peer: {@code java.net.http} under the peer's {@link PeerPolicy}. Retries 429, 5xx and
 * I/O failures with backoff, waiting at least what {@code Retry-After} asks; opens a circuit after repeated
 * failures; fails fast on 401/403 naming the credential's setting; never retries another 4xx. Error messages
 * carry the peer's own message with the call's secrets blanked out.
 */
public final class PeerHttpClient {
    private static final Logger LOG = Logger.getLogger(PeerHttpClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The least time worth starting an attempt with before a deadline. */
    private static final Duration LAST_ATTEMPT = Duration.ofMillis(50);

    private final PeerPolicy policy;
    private final HttpClient http;
    private final RetryPolicy<HttpResponse<byte[]>> retry;
    private final CircuitBreaker<HttpResponse<byte[]>> breaker;

    public PeerHttpClient(PeerPolicy policy) {
        this.policy = policy;
        this.http = HttpClient.newBuilder()
                .connectTimeout(policy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                // Calls are synchronous and bodies are read whole into arrays, so nothing the client runs can
                // block: finishing a response on the thread that read it saves two thread hand-offs per call.
                .executor(Runnable::run)
                .build();
        this.retry = retryPolicy(null);
        this.breaker = CircuitBreaker.<HttpResponse<byte[]>>builder()
                .handle(IOException.class)
                .handleResultIf(response -> response.statusCode() >= 500)
                .withFailureThreshold(policy.breakerFailures())
                .withDelay(policy.breakerOpenFor())
                .onOpen(event -> LOG.warning(() -> policy.peer() + ": circuit opened after "
                        + policy.breakerFailures() + " consecutive failures; calls fail fast for "
                        + policy.breakerOpenFor().toSeconds() + " s"))
                .build();
    }

    /**
     * Retries 429, 5xx and I/O failures: after {@code Retry-After} exactly when the peer sends it (never sooner),
     * else after a backoff with jitter. With a deadline, a wait never runs past it, and the retries end at once
     * when the peer asks for more time than is left.
     */
    private RetryPolicy<HttpResponse<byte[]>> retryPolicy(Instant deadline) {
        return RetryPolicy.<HttpResponse<byte[]>>builder()
                .handle(IOException.class)
                .handleResultIf(this::isTransient)
                .withDelayFn(context -> {
                    Duration delay = retryAfter(context.getLastResult())
                            .orElseGet(() -> backoff(context.getAttemptCount()));
                    return deadline == null ? delay : min(delay, timeLeft(deadline).minus(LAST_ATTEMPT));
                })
                .abortIf(response -> retryAfter(response).filter(wait -> wait.compareTo(policy.maxRetryAfter()) > 0
                        || deadline != null && wait.compareTo(timeLeft(deadline)) > 0).isPresent())
                .abortIf((response, failure) -> deadline != null
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
        return post(uri, body, headers, secrets, retry, null);
    }

    /**
     * POSTs a JSON body, giving up at {@code deadline} whatever the retries left: for callers with a budget of
     * their own (a real-time tick). Each attempt's timeout and each wait end at the deadline.
     */
    public PeerResponse postJson(URI uri, byte[] body, Map<String, String> headers, List<Secret> secrets,
                                 Instant deadline) {
        if (timeLeft(deadline).compareTo(LAST_ATTEMPT) < 0) {
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " was not called: no time left before the deadline");
        }
        return post(uri, body, headers, secrets, retryPolicy(deadline), deadline);
    }

    private PeerResponse post(URI uri, byte[] body, Map<String, String> headers, List<Secret> secrets,
                              RetryPolicy<HttpResponse<byte[]>> retries, Instant deadline) {
        int[] attempts = {0};
        HttpResponse<byte[]> response;
        try {
            // Retry outside, breaker inside: every attempt counts towards the breaker, and an open breaker ends
            // the retries at once.
            response = Failsafe.with(retries, breaker).get(context -> {
                attempts[0] = context.getAttemptCount() + 1;
                return http.send(request(uri, body, headers, attemptTimeout(deadline)),
                        HttpResponse.BodyHandlers.ofByteArray());
            });
        } catch (CircuitBreakerOpenException e) {
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                    + " is failing: the circuit is open after " + policy.breakerFailures()
                    + " consecutive failures, calls fail fast for " + policy.breakerOpenFor().toSeconds() + " s");
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (deadline != null && cause instanceof HttpTimeoutException
                    && timeLeft(deadline).compareTo(LAST_ATTEMPT) < 0) {
                throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer()
                        + " did not answer before the deadline (" + attempts[0] + " attempt(s), " + uri.getPath()
                        + ")");
            }
            throw new PeerException(policy.peer(), PeerException.Kind.UNAVAILABLE, 0, policy.peer() + " "
                    + describeFailure(cause) + " after " + attempts[0] + " attempt(s) (" + uri.getPath() + ")");
        }
        return check(uri, response, attempts[0], secrets);
    }

    private HttpRequest request(URI uri, byte[] body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return builder.build();
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

    private PeerResponse check(URI uri, HttpResponse<byte[]> response, int attempts, List<Secret> secrets) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new PeerResponse(status, response.body());
        }
        String wholeMessage = Redaction.redactWhole(messageOf(text(response)), secrets);
        String peerMessage = Redaction.redact(wholeMessage, List.of());
        if (status == 401 || status == 403) {
            throw new PeerException(policy.peer(), PeerException.Kind.AUTH, status, policy.peer()
                    + " refused the credentials (HTTP " + status + "): check the secret " + policy.credentialSetting()
                    + (peerMessage.isEmpty() ? "" : " (" + peerMessage + ")"), wholeMessage);
        }
        if (isTransient(response)) {
            String wait = retryAfter(response).map(d -> "; it asks to retry after " + d.toSeconds() + " s").orElse("");
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

    private boolean isTransient(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        // Successes are never retried: their bodies (thousands of agents) are not decoded for the check.
        return status >= 400 && policy.retryableAnswer().test(status, text(response));
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String describe(HttpResponse<byte[]> response, Throwable failure) {
        return response != null ? "HTTP " + response.statusCode() : describeFailure(failure);
    }

    private static String describeFailure(Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (failure instanceof InterruptedException) {
            return "was interrupted";
        }
        if (failure instanceof IOException) {
            return "could not be reached (" + failure.getClass().getSimpleName() + ")";
        }
        return "failed (" + (failure == null ? "unknown" : failure.getClass().getSimpleName()) + ")";
    }

    /** {@code Retry-After} as seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpResponse<byte[]> response) {
        if (response == null) {
            return Optional.empty();
        }
        return response.headers().firstValue("Retry-After").flatMap(value -> {
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
        });
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
