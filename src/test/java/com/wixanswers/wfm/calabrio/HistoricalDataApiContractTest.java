package com.wixanswers.wfm.calabrio;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerPolicies;
import com.wixanswers.wfm.config.PeerUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The historical-data API as calabrio.md describes it, against WireMock: requests exactly, and every fault. */
class HistoricalDataApiContractTest {
    private static final String KEY = "tenant-key-7f3a9c1e5b";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final String QUEUE_PATH = "/historical-data/api/v1/queue-stats";

    @RegisterExtension
    static WireMockExtension calabrio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private HistoricalDataClient client(int batchSize) {
        PeerHttpClient http = new PeerHttpClient(PeerPolicies.calabrioHistorical()
                .withWaits(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(700)));
        return new HistoricalDataClient(new HistoricalRequests(() -> new Secret("wix-answers"), 60, batchSize),
                new HttpHistoricalDataTransport(http, PeerUrl.parse("CALABRIO_BASE_URL", calabrio.baseUrl()),
                        () -> new Secret(KEY), () -> new Secret("wix-answers")));
    }

    private static QueueStatsRow queueRow(int hour) {
        return new QueueStatsRow("q-billing", "Billing", Instant.parse("2026-11-27T09:00:00Z").plusSeconds(3600L * hour),
                12, 10, 8, 2, 1, 1, 0, 150, 40, 20, 15, 3000, 300, 9, 4000);
    }

    @Test
    void eachKindIsPostedToItsPathWithTheTenantKeyAndTheContractsBody() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(ok()));
        calabrio.stubFor(post(urlEqualTo("/historical-data/api/v1/agent-stats")).willReturn(ok()));
        calabrio.stubFor(post(urlEqualTo("/historical-data/api/v1/agent-queue-stats")).willReturn(ok()));
        HistoricalDataClient client = client(500);

        client.send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0)));
        client.send(HistoricalKind.AGENT_STATS, DAY, "agent-17", List.of(new AgentStatsRow("agent-17", "Ann Smith",
                Instant.parse("2026-11-27T09:00:00Z"), 5, 4, 1, 1, 900, 100, 1000, 1)));
        client.send(HistoricalKind.AGENT_QUEUE_STATS, DAY, "agent-17", List.of(new AgentQueueStatsRow("agent-17",
                "q-billing", Instant.parse("2026-11-27T09:00:00Z"), 3, 600, 60, 1)));

        List<LoggedRequest> requests = calabrio.findAll(postRequestedFor(urlEqualTo(QUEUE_PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8")));
        assertEquals(1, requests.size());
        assertEquals("{\"DataSourceKey\":\"wix-answers\",\"IntervalMinutes\":60,\"Rows\":[{\"QueueId\":\"q-billing\","
                + "\"QueueName\":\"Billing\",\"IntervalStart\":\"2026-11-27T09:00:00Z\",\"Offered\":12,\"Answered\":10,"
                + "\"AnsweredWithinServiceLevel\":8,\"Abandoned\":2,\"AbandonedShort\":1,"
                + "\"AbandonedWithinServiceLevel\":1,\"OverflowOut\":0,\"AnsweredWaitSeconds\":150,"
                + "\"LongestAnsweredWaitSeconds\":40,\"AbandonedWaitSeconds\":20,\"LongestAbandonedWaitSeconds\":15,"
                + "\"TalkSeconds\":3000,\"WrapUpSeconds\":300,\"Resolved\":9,\"ResolutionSeconds\":4000}]}",
                requests.get(0).getBodyAsString());
        assertEquals("{\"DataSourceKey\":\"wix-answers\",\"IntervalMinutes\":60,\"Rows\":[{\"AgentId\":\"agent-17\","
                + "\"AgentName\":\"Ann Smith\",\"IntervalStart\":\"2026-11-27T09:00:00Z\",\"Handled\":5,"
                + "\"InboundHandled\":4,\"OutboundHandled\":1,\"DirectInboundHandled\":1,\"TalkSeconds\":900,"
                + "\"WrapUpSeconds\":100,\"HandleSeconds\":1000,\"TransferredOut\":1}]}",
                calabrio.findAll(postRequestedFor(urlEqualTo("/historical-data/api/v1/agent-stats"))
                        .withHeader("Authorization", equalTo("Bearer " + KEY))).get(0).getBodyAsString());
        assertEquals("{\"DataSourceKey\":\"wix-answers\",\"IntervalMinutes\":60,\"Rows\":[{\"AgentId\":\"agent-17\","
                + "\"QueueId\":\"q-billing\",\"IntervalStart\":\"2026-11-27T09:00:00Z\",\"Answered\":3,"
                + "\"TalkSeconds\":600,\"WrapUpSeconds\":60,\"TransferredOut\":1}]}",
                calabrio.findAll(postRequestedFor(urlEqualTo("/historical-data/api/v1/agent-queue-stats"))
                        .withHeader("Authorization", equalTo("Bearer " + KEY))).get(0).getBodyAsString());
    }

    @Test
    void rowsAreBatchedAtTheBatchSize() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(ok()));
        List<QueueStatsRow> rows = new ArrayList<>();
        for (int hour = 0; hour < 12; hour++) {
            rows.add(queueRow(hour));
        }
        assertEquals(12, client(5).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", rows));
        List<LoggedRequest> requests = calabrio.findAll(postRequestedFor(urlEqualTo(QUEUE_PATH)));
        assertEquals(3, requests.size());
        List<Integer> sizes = requests.stream().map(r -> r.getBodyAsString().split("\"IntervalStart\"").length - 1)
                .sorted().toList();
        assertEquals(List.of(2, 5, 5), sizes);
    }

    @Test
    void a503IsRetriedUntilItPasses() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovering"));
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).inScenario("outage").whenScenarioStateIs("recovering")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).inScenario("outage").whenScenarioStateIs("up").willReturn(ok()));
        assertEquals(1, client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        calabrio.verify(3, postRequestedFor(urlEqualTo(QUEUE_PATH)));
    }

    @Test
    void a429IsRetriedNoSoonerThanRetryAfterSays() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).inScenario("flood").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).inScenario("flood").whenScenarioStateIs("calm").willReturn(ok()));
        client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0)));
        List<LoggedRequest> requests = calabrio.findAll(postRequestedFor(urlEqualTo(QUEUE_PATH)));
        assertEquals(2, requests.size());
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 950, "waited " + gap + " ms for a Retry-After of 1 s");
    }

    @Test
    void aRetryAfterLongerThanTheCallMayWaitEndsItAsUnavailable() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        PeerException e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertEquals(PeerException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("retry after 3600 s"), e.getMessage());
        calabrio.verify(1, postRequestedFor(urlEqualTo(QUEUE_PATH)));
    }

    @Test
    void aSlowAnswerTimesOutIsRetriedAndEndsUnavailable() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(ok().withFixedDelay(1_500)));
        PeerException e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertEquals(PeerException.Kind.UNAVAILABLE, e.kind());
        assertFalse(e.isPermanent());
        assertTrue(e.getMessage().contains("timed out after 5 attempt(s)"), e.getMessage());
        calabrio.verify(5, postRequestedFor(urlEqualTo(QUEUE_PATH)));
    }

    @Test
    void a401FailsAtOnceNamingTheKeysSetting() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"Message\":\"Invalid tenant key " + KEY + "\"}")));
        PeerException e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertEquals(PeerException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("CALABRIO_HISTORICAL_TENANT_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), "the key is blanked out: " + e.getMessage());
        calabrio.verify(1, postRequestedFor(urlEqualTo(QUEUE_PATH)));
    }

    @Test
    void a400IsNotRetriedAndCarriesCalabriosMessage() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"IntervalStart 2026-11-27T09:00:00Z is not on the 15-minute grid\"}")));
        PeerException e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertEquals(PeerException.Kind.REJECTED, e.kind());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("is not on the 15-minute grid"), e.getMessage());
        calabrio.verify(1, postRequestedFor(urlEqualTo(QUEUE_PATH)));
    }

    @Test
    void theDataSourceKeyIsBlankedOutOfCalabriosMessageLikeTheTenantKey() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"Unknown data source wix-answers for tenant key " + KEY + "\"}")));
        PeerException e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertTrue(e.getMessage().contains("Unknown data source *** for tenant key ***"), e.getMessage());
    }

    @Test
    void a200ThatSaysItFailedIsAFailure() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(okJson(
                "{\"Successful\":false,\"Message\":\"Data source wix-answers is not configured\"}")));
        PeerException e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertEquals(PeerException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("Data source *** is not configured"), e.getMessage());

        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(okJson(
                "{\"Errors\":[{\"Message\":\"QueueId is required\"},{\"Message\":\"x\"}]}")));
        e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertTrue(e.getMessage().contains("QueueId is required (and 1 more errors)"), e.getMessage());

        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(okJson(
                "{\"StatusCode\":422,\"Id\":null,\"Message\":\"Unknown interval\"}")));
        e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertTrue(e.getMessage().contains("status 422: Unknown interval"), e.getMessage());
    }

    @Test
    void anAnswerThatIsNotJsonIsMalformed() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(ok("<html><body>Sign in</body></html>")));
        PeerException e = assertThrows(PeerException.class,
                () -> client(500).send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertEquals(PeerException.Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void repeatedOutagesOpenTheCircuitAndLaterCallsFailFast() {
        calabrio.stubFor(post(urlEqualTo(QUEUE_PATH)).willReturn(aResponse().withStatus(502)));
        HistoricalDataClient client = client(500);
        assertThrows(PeerException.class,
                () -> client.send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertThrows(PeerException.class,
                () -> client.send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        int before = calabrio.findAll(postRequestedFor(urlEqualTo(QUEUE_PATH))).size();
        assertEquals(8, before, "the circuit opens after 8 consecutive failures");
        PeerException e = assertThrows(PeerException.class,
                () -> client.send(HistoricalKind.QUEUE_STATS, DAY, "q-billing", List.of(queueRow(0))));
        assertTrue(e.getMessage().contains("circuit is open"), e.getMessage());
        assertEquals(before, calabrio.findAll(postRequestedFor(urlEqualTo(QUEUE_PATH))).size());
    }
}
