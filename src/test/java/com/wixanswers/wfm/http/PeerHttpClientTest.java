package com.wixanswers.wfm.http;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.wixanswers.wfm.config.Secret;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.spi.Scheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peer client on its own: the retry delays Failsafe computes, the answers it refuses, the messages it quotes. */
class PeerHttpClientTest {
    private static final String SECRET = "s3cr3t-token-4f1a9c0e7b2d";

    @RegisterExtension
    static WireMockExtension peer = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** A policy of short waits: first delay 100 ms, doubling to 250 ms, four retries, Retry-After up to 1 s. */
    private static PeerPolicy policy(int breakerFailures) {
        return new PeerPolicy("Test peer", "TEST_TOKEN", Duration.ofSeconds(1), Duration.ofSeconds(2), 4,
                Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(10),
                breakerFailures, Duration.ofSeconds(30), 1 << 20, "TEST_LIMIT", PeerPolicy.BUSY_OR_FAILING);
    }

    private static PeerResponse call(PeerHttpClient client) {
        return client.postJson(URI.create(peer.baseUrl() + "/call"), "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + SECRET), List.of(new Secret(SECRET)), null);
    }

    /** The delays the policy schedules for {@code failures}, recorded without waiting for any of them. */
    private static List<Long> scheduledDelays(Supplier<IOException> failure, int attempts) throws Exception {
        List<Long> delays = new ArrayList<>();
        RetryPolicy<Object> retries = PeerHttpClient.<Object>retries(policy(100), Instant.now().plusSeconds(600))
                .onRetryScheduled(event -> delays.add(event.getDelay().toMillis())).build();
        ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor();
        Scheduler immediately = (callable, delay, unit) -> runner.schedule(callable, 0, TimeUnit.NANOSECONDS);
        int[] calls = {0};
        try {
            Failsafe.with(retries).with(immediately).getAsync(() -> {
                if (++calls[0] > attempts) {
                    return "done";
                }
                throw failure.get();
            }).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // the retries ran out: the delays are what matter
        } finally {
            runner.shutdownNow();
        }
        return delays;
    }

    @Test
    void theBackoffStartsAtTheFirstDelayDoublesToItsCapAndJittersBothWays() throws Exception {
        List<List<Long>> runs = new ArrayList<>();
        for (int run = 0; run < 200; run++) {
            runs.add(scheduledDelays(() -> new IOException("refused"), 4));
        }
        long[][] bounds = {{80, 120}, {160, 240}, {200, 300}, {200, 300}};
        long[] nominal = {100, 200, 250, 250};
        for (int retry = 0; retry < 4; retry++) {
            int index = retry;
            List<Long> delays = runs.stream().map(delays1 -> delays1.get(index)).toList();
            long min = delays.stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = delays.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(min >= bounds[retry][0] && max <= bounds[retry][1],
                    "retry " + (retry + 1) + ": " + min + ".." + max + " ms, not within 20% of " + nominal[retry]);
            assertTrue(min < nominal[retry] * 0.95 && max > nominal[retry] * 1.05,
                    "retry " + (retry + 1) + " jitters both ways: " + min + ".." + max);
        }
        assertEquals(4, runs.get(0).size(), "four retries, no more");
    }

    @Test
    void aRetryAfterIsNeverShortenedByTheJitter() throws Exception {
        for (int run = 0; run < 100; run++) {
            List<Long> delays = scheduledDelays(() -> new PeerHttpClient.AskedToWait(429, "slow down",
                    Duration.ofMillis(700)), 2);
            assertEquals(2, delays.size());
            for (long delay : delays) {
                assertTrue(delay >= 700 && delay <= 1_050, "a Retry-After of 700 ms waited " + delay + " ms");
            }
        }
        assertEquals(Duration.ofNanos(875_000_000), PeerHttpClient.stretched(Duration.ofMillis(700)));
    }

    @Test
    void aRetryAfterExactlyAtTheLimitIsHonouredAndOneAboveEndsTheCall() {
        peer.stubFor(post(urlEqualTo("/call")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        peer.stubFor(post(urlEqualTo("/call")).inScenario("limit").whenScenarioStateIs("ok").willReturn(ok("{}")));
        long started = System.nanoTime();
        assertEquals(200, call(new PeerHttpClient(policy(100))).status());
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "it waited the whole second it was asked to");

        peer.resetAll();
        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")));
        PeerException e = assertThrows(PeerException.class, () -> call(new PeerHttpClient(policy(100))));
        assertTrue(e.getMessage().contains("HTTP 503 after 1 attempt(s); it asks to retry after 2 s"), e.getMessage());
        assertEquals(Duration.ofSeconds(2), e.retryAfter().orElseThrow());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(7), PeerHttpClient.retryAfter(" 7 ").orElseThrow());
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(61));
        long seconds = PeerHttpClient.retryAfter(inAMinute).orElseThrow().toSeconds();
        assertTrue(seconds >= 59 && seconds <= 61, seconds + " s");
        assertEquals(Duration.ZERO, PeerHttpClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT").orElseThrow(),
                "a date gone by is no wait");
        assertTrue(PeerHttpClient.retryAfter("soon").isEmpty());
    }

    @Test
    void refusedCredentialsQuoteThePeersOwnMessageFromEveryShapeWithoutTheSecret() {
        Map<String, String> shapes = Map.of(
                "{\"Message\":\"token " + SECRET + " expired\"}", "token *** expired",
                "{\"message\":\"bad token\"}", "bad token",
                "{\"error\":\"invalid_token\"}", "invalid_token",
                "{\"error\":{\"message\":\"nested no\"}}", "nested no",
                "{\"Errors\":[{\"Message\":\"first error\"}]}", "first error",
                "{\"detail\":\"detail text\"}", "detail text",
                "{\"title\":\"title text\"}", "title text",
                "{\"error_description\":\"described\"}", "described",
                "plain words " + SECRET, "plain words ***");
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            for (int status : new int[]{401, 403}) {
                peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(status)
                        .withBody(shape.getKey())));
                PeerException e = assertThrows(PeerException.class, () -> call(new PeerHttpClient(policy(100))));
                assertEquals(PeerException.Kind.AUTH, e.kind());
                assertTrue(e.getMessage().contains("check the secret TEST_TOKEN (" + shape.getValue() + ")"),
                        e.getMessage());
                assertFalse(e.getMessage().contains(SECRET) || e.peerMessage().contains(SECRET));
            }
        }
        peer.verify(shapes.size() * 2, postRequestedFor(urlEqualTo("/call")));
    }

    @Test
    void unavailableAfterRetriesQuotesThePeerAndASecretAcrossTheCutNeverShows() {
        String padding = "x".repeat(290);
        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(503)
                .withBody("{\"Message\":\"" + padding + SECRET + "\"}")));
        PeerException e = assertThrows(PeerException.class, () -> call(new PeerHttpClient(policy(100))));
        assertEquals(PeerException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("answered HTTP 503 after 5 attempt(s): xxx"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET.substring(0, 6)), "redacted before it was cut: " + e.getMessage());
        assertTrue(e.peerMessage().endsWith(padding + "***"));
    }

    @Test
    void aPlain500OpensTheCircuitAndCallsThenFailFast() {
        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(500)));
        PeerHttpClient client = new PeerHttpClient(policy(3));
        PeerException outage = assertThrows(PeerException.class, () -> call(client));
        assertTrue(outage.getMessage().contains("circuit is open"), outage.getMessage());
        peer.resetRequests();
        assertThrows(PeerException.class, () -> call(client));
        peer.verify(0, postRequestedFor(urlEqualTo("/call")));
    }

    @Test
    void fourHundredTwentyNinesAreThrottlingAndNeverOpenTheCircuit() {
        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        PeerHttpClient client = new PeerHttpClient(policy(3));
        for (int call = 0; call < 2; call++) {
            PeerException busy = assertThrows(PeerException.class, () -> call(client));
            assertEquals(PeerException.Kind.UNAVAILABLE, busy.kind());
            assertTrue(busy.getMessage().contains("HTTP 429 after 5 attempt(s)"), busy.getMessage());
        }
        peer.verify(10, postRequestedFor(urlEqualTo("/call")));
        peer.stubFor(post(urlEqualTo("/call")).willReturn(okJson("{}")));
        assertEquals(200, call(client).status(), "ten 429s in a row, and the circuit is still closed");
    }

    @Test
    void anErrorBodyIsReadOnlyToItsCapAndItsMessageStillQuoted() {
        String padding = " ".repeat(PeerHttpClient.MAX_ERROR_BYTES * 4);
        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"Unknown queue q-7 for " + SECRET + "\"," + padding + "\"Tail\":\"end\"}")));
        PeerException refused = assertThrows(PeerException.class, () -> call(new PeerHttpClient(policy(100))));
        assertEquals(PeerException.Kind.REJECTED, refused.kind());
        assertTrue(refused.getMessage().contains("Unknown queue q-7 for ***"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET.substring(0, 8)) || refused.getMessage().contains("end"));
        assertTrue(refused.getMessage().length() < 1_000, "cut to a readable length");
    }

    @Test
    void anHttp300IsNoSuccessAndA4xxIsNeverRetried() {
        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(300).withBody("choose")));
        PeerException redirect = assertThrows(PeerException.class, () -> call(new PeerHttpClient(policy(100))));
        assertEquals(PeerException.Kind.REJECTED, redirect.kind());
        assertEquals(300, redirect.status());
        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(422).withBody("{\"Message\":\"no\"}")));
        peer.resetRequests();
        assertEquals(PeerException.Kind.REJECTED, assertThrows(PeerException.class,
                () -> call(new PeerHttpClient(policy(100)))).kind());
        peer.verify(1, postRequestedFor(urlEqualTo("/call")));
    }

    @Test
    void anUnreachablePeerIsSaidSoNotReportedAsATimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PeerHttpClient client = new PeerHttpClient(policy(100));
        PeerException refused = assertThrows(PeerException.class, () -> client.postJson(
                URI.create("http://127.0.0.1:" + closed + "/call"), new byte[0], Map.of(), List.of(), null));
        assertTrue(refused.getMessage().contains("could not be reached (connection refused) after 5 attempt(s)"),
                refused.getMessage());

        peer.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PeerException reset = assertThrows(PeerException.class, () -> call(new PeerHttpClient(policy(100))));
        assertEquals(PeerException.Kind.UNAVAILABLE, reset.kind());
        assertFalse(reset.getMessage().contains("timed out"), reset.getMessage());
        assertTrue(reset.getMessage().contains("broke the connection") || reset.getMessage().contains("could not be"
                + " reached"), reset.getMessage());
    }
}
