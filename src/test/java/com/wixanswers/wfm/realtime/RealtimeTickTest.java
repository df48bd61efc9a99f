package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.http.PeerPolicy;
import com.wixanswers.wfm.testing.LogCapture;
import com.wixanswers.wfm.workflow.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real-time ticks end to end: WireMock as Wix Answers (/rpc) and Calabrio RTA (/rta), state in memory. */
class RealtimeTickTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RTA_KEY = "rta-key-91e4c0d7b2a6";
    private static final String ANSWERS_TOKEN = "answers-token-0a7d3f5e8c";

    @RegisterExtension
    static WireMockExtension peers = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    // Virtual minutes, in the past: a tick's 45-second budget is real time, whatever clock dates the tick.
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final WholeDocumentCheck store = new WholeDocumentCheck();
    private Integration integration;
    private RealtimeTick tick;
    private LogCapture logs;

    /**
     * The state in memory, checking every document a tick saves against the whole state encoded at once: a tick
     * writes most of its document while Calabrio answers, and must not leave out an agent those answers changed.
     */
    static final class WholeDocumentCheck implements StateStore {
        private final MemoryStateStore stored = new MemoryStateStore();
        int saves;

        @Override
        public Versioned load() {
            return stored.load();
        }

        @Override
        public java.util.Optional<Versioned> loadIfChanged(String etag) {
            return stored.loadIfChanged(etag);
        }

        @Override
        public java.util.Optional<String> save(RealtimeState state, byte[] document, String etag) {
            try {
                assertEquals(JSON.readTree(state.toJson()), JSON.readTree(document),
                        "the document saved is the state as it is after the tick");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            saves++;
            return stored.save(state, document, etag);
        }
    }

    @BeforeEach
    void wire() {
        logs = new LogCapture();
        Map<String, String> environment = new HashMap<>(Map.of(
                "ANSWERS_RPC_URL", peers.baseUrl() + "/rpc",
                "ANSWERS_API_TOKEN", ANSWERS_TOKEN,
                "CALABRIO_RTA_URL", peers.baseUrl() + "/rta",
                "CALABRIO_RTA_AUTH_KEY", RTA_KEY,
                "CALABRIO_RTA_SOURCE_ID", "wix-answers",
                "RTA_BATCH_SIZE", "2",
                "RTA_STATE_MAP", "{\"BUSY:Lunch\": \"Lunch\"}",
                "RTA_PARK_MINUTES", "60"));
        integration = new Integration.Builder(Settings.load(environment), new EnvironmentSecrets(environment))
                .stateStore(store)
                .clock(clock)
                .peerPolicies(policy -> policy.withWaits(Duration.ofMillis(10), Duration.ofMillis(40),
                        Duration.ofMillis(800)))
                .build();
        tick = integration.realtimeTick();
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
    }

    @AfterEach
    void close() {
        assertTrue(store.saves > 0, "every test saves a state, checked whole");
        logs.close();
        integration.close();
    }

    /** Wix Answers answers these agents: each "id=STATUS[/channel][/reason]". */
    private static void floor(String... agents) {
        StringJoiner activities = new StringJoiner(",");
        for (String agent : agents) {
            String[] idAndActivity = agent.split("=");
            String[] parts = idAndActivity[1].split("/", -1);
            activities.add("{\"agentId\":\"" + idAndActivity[0] + "\",\"status\":\"" + parts[0] + "\""
                    + (parts.length > 1 ? ",\"channel\":\"" + parts[1] + "\"" : "")
                    + (parts.length > 2 ? ",\"busyReason\":\"" + parts[2] + "\"" : "") + "}");
        }
        peers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(
                "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{\"activities\":[" + activities + "]}}")));
    }

    /** The RTA bodies received, in order, then forgotten. */
    private static List<JsonNode> sent() throws IOException {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : peers.findAll(postRequestedFor(urlEqualTo("/rta")))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        peers.resetRequests();
        return bodies;
    }

    private static List<String> states(JsonNode body) {
        List<String> states = new ArrayList<>();
        body.path("States").forEach(s -> states.add(s.path("UserCode").asText() + "=" + s.path("StateCode").asText()));
        return states;
    }

    private static List<String> allStates(List<JsonNode> bodies) {
        List<String> states = new ArrayList<>();
        bodies.forEach(body -> states.addAll(states(body)));
        states.sort(null);
        return states;
    }

    @Test
    void aSnapshotFirstThenOnlyChangesInBatchesMappedAsConfigured() throws IOException {
        floor("agent-1=ONLINE", "agent-2=BUSY/NONE/Lunch", "agent-3=IN_WORK/CALL", "agent-4=OFFLINE");
        TickReport first = tick.run();
        List<JsonNode> snapshot = sent();
        assertEquals(1, snapshot.size());
        JsonNode body = snapshot.get(0);
        assertEquals(RTA_KEY, body.path("AuthenticationKey").asText());
        assertEquals("wix-answers", body.path("SourceId").asText());
        assertTrue(body.path("IsSnapshot").asBoolean());
        assertEquals(List.of("agent-1=Available", "agent-2=Lunch", "agent-3=OnCall"), states(body));
        assertEquals("snapshot", first.mode());
        assertEquals(4, first.agentsSeen());

        clock.advance(Duration.ofMinutes(1));
        floor("agent-1=BUSY/NONE/Meeting", "agent-2=ONLINE", "agent-3=IN_WORK/CALL", "agent-4=ONLINE");
        TickReport second = tick.run();
        List<JsonNode> changes = sent();
        assertEquals(2, changes.size(), "three changes in batches of two");
        assertTrue(changes.stream().noneMatch(b -> b.path("IsSnapshot").asBoolean()));
        assertEquals(List.of("agent-1=Busy", "agent-2=Available", "agent-4=Available"), allStates(changes));
        assertEquals(3, second.statesSent());

        clock.advance(Duration.ofMinutes(1));
        tick.run();
        assertEquals(List.of(), sent(), "nothing changed, nothing sent");
    }

    @Test
    void aSnapshotEveryFifteenMinutesIsOneRequestHoweverManyAgents() throws IOException {
        String[] agents = new String[120];
        for (int index = 0; index < agents.length; index++) {
            agents[index] = String.format("agent-%03d=ONLINE", index);
        }
        floor(agents);
        tick.run();
        assertEquals(1, sent().size(), "120 agents, batch size 2: still one snapshot request");
        for (int minute = 1; minute < 15; minute++) {
            clock.advance(Duration.ofMinutes(1));
            tick.run();
            assertTrue(sent().isEmpty());
        }
        clock.advance(Duration.ofMinutes(1));
        assertEquals("snapshot", tick.run().mode());
        List<JsonNode> snapshot = sent();
        assertEquals(1, snapshot.size());
        assertEquals(120, snapshot.get(0).path("States").size());
    }

    @Test
    void anEmptyOrShrunkenAnswerNeverLogsTheFloorOut() throws IOException {
        floor("a=ONLINE", "b=ONLINE", "c=ONLINE", "d=ONLINE");
        tick.run();
        sent();
        clock.advance(Duration.ofMinutes(15));
        floor();
        TickReport empty = tick.run();
        assertEquals("Wix Answers reported no logged-on agent", empty.snapshotWithheld());
        assertTrue(sent().stream().noneMatch(b -> b.path("IsSnapshot").asBoolean()));
        assertTrue(logs.text().contains("rta-snapshot-withheld"), "a metric line for the alert");

        clock.advance(Duration.ofMinutes(1));
        floor("a=ONLINE", "b=OFFLINE", "c=OFFLINE", "d=OFFLINE");
        TickReport shrunk = tick.run();
        assertEquals("1 logged-on agents, fewer than 50% of the last snapshot's 4", shrunk.snapshotWithheld());
        List<JsonNode> bodies = sent();
        assertTrue(bodies.stream().noneMatch(b -> b.path("IsSnapshot").asBoolean()));
        assertEquals(List.of("b=LoggedOut", "c=LoggedOut", "d=LoggedOut"), allStates(bodies),
                "the three who really went offline are logged out one by one, nobody else");
    }

    @Test
    void aSnapshotLogsOutWhoWentOfflineOrWentMissingAndTheStateRemembersIt() throws IOException {
        floor("a=ONLINE", "b=ONLINE", "c=ONLINE", "d=ONLINE");
        tick.run();
        sent();
        clock.advance(Duration.ofMinutes(1));
        floor("a=ONLINE", "b=OFFLINE", "c=ONLINE");
        tick.run();
        assertEquals(List.of("b=LoggedOut"), allStates(sent()), "d is missing, not offline: it keeps its state");
        for (int minute = 2; minute <= 15; minute++) {
            clock.advance(Duration.ofMinutes(1));
            tick.run();
        }
        List<JsonNode> snapshot = sent();
        assertEquals(1, snapshot.size());
        assertEquals(List.of("a=Available", "c=Available"), states(snapshot.get(0)),
                "b is offline and d missing for 15 minutes: the snapshot logs both out");

        RealtimeState state = store.load().state();
        assertTrue(state.agents.get("b").offline);
        assertFalse(state.agents.containsKey("d"), "d is forgotten once logged out");
        assertEquals(clock.instant(), state.lastSnapshotAt);
        assertEquals(2, state.lastSnapshotSize);
    }

    @Test
    void anUnknownUserCodeIsParkedNotResentAndTriedAgainLater() throws IOException {
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"No person found for UserCode ghost.\"}")));
        floor("agent-1=ONLINE", "ghost=ONLINE", "agent-3=BUSY");
        TickReport first = tick.run();
        assertNull(first.failure(), "the other states were processed: the tick succeeded");
        assertEquals(List.of("ghost"), first.newlyParked());
        assertEquals(1, sent().size());
        assertTrue(logs.text().contains("Calabrio knows no person with UserCode ghost"));

        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        clock.advance(Duration.ofMinutes(1));
        floor("agent-1=ONLINE", "ghost=BUSY", "agent-3=BUSY");
        TickReport second = tick.run();
        assertEquals(List.of(), sent(), "agent-1 and agent-3 were processed, ghost is parked: nothing to send");
        assertEquals(1, second.parked());

        clock.advance(Duration.ofMinutes(60));
        TickReport later = tick.run();
        List<String> states = allStates(sent());
        assertTrue(states.contains("ghost=Busy"), "after its park, ghost is tried again: " + states);
        assertEquals(0, later.parked());
    }

    @Test
    void whenWixAnswersFailsNothingIsSentAndTheNextTickSendsASnapshot() throws IOException {
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        sent();
        for (var failing : List.of(aResponse().withStatus(503), aResponse().withStatus(200).withBody("<html/>"),
                okJson("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"internal\"}}"))) {
            clock.advance(Duration.ofMinutes(1));
            peers.stubFor(post(urlEqualTo("/rpc")).willReturn(failing));
            TickReport report = tick.run();
            assertTrue(report.failed());
            assertTrue(report.failure().contains("Wix Answers"), report.failure());
            assertEquals(List.of(), sent(), "nothing wrong is sent");
        }
        clock.advance(Duration.ofMinutes(1));
        floor("a=ONLINE", "b=BUSY");
        assertEquals("snapshot", tick.run().mode(), "recovery: a snapshot, though 15 minutes have not passed");
        assertEquals(List.of("a=Available", "b=Busy"), allStates(sent()));
    }

    @Test
    void anAnswerBrokenOffAfterItsFirstActivitiesSendsNothingAndChangesNoRecord() throws IOException {
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        sent();
        clock.advance(Duration.ofMinutes(1));
        // Planned as it arrived, and its first agent anticipated as sent: none of that may stand.
        peers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson("{\"jsonrpc\":\"2.0\",\"result\":{\"activities\":["
                + "{\"agentId\":\"a\",\"status\":\"BUSY\"},{\"agentId\":\"b\",\"sta")));
        TickReport broken = tick.run();
        assertTrue(broken.failed());
        assertTrue(broken.failure().contains("not JSON"), broken.failure());
        assertEquals(List.of(), sent(), "nothing is sent from half an answer");
        RealtimeState state = store.load().state();
        assertEquals("Available", state.agents.get("a").code, "a's record is as Calabrio last heard it");
        assertTrue(state.lastTickFailed);

        clock.advance(Duration.ofMinutes(1));
        floor("a=BUSY", "b=ONLINE");
        assertEquals("snapshot", tick.run().mode());
        assertEquals(List.of("a=Busy", "b=Available"), allStates(sent()));
    }

    @Test
    void anAgentTwiceInOneAnswerIsSentOnceAsItsLaterEntrySays() throws IOException {
        floor("a=ONLINE", "b=ONLINE", "a=BUSY");
        TickReport first = tick.run();
        assertEquals(2, first.agentsSeen());
        assertEquals(List.of("a=Busy", "b=Available"), allStates(sent()));

        clock.advance(Duration.ofMinutes(1));
        floor("a=IN_WORK/CALL", "b=ONLINE", "a=BUSY", "b=IN_WORK/CHAT");
        TickReport second = tick.run();
        assertEquals(List.of("b=OnChat"), allStates(sent()), "a's later entry is what Calabrio has already");
        assertEquals(2, second.agentsSeen());
        assertEquals("OnChat", store.load().state().agents.get("b").code);
    }

    @Test
    void whenOneBatchFailsTheOthersAreRecordedAndTheNextTickSendsASnapshot() throws IOException {
        floor("a=ONLINE", "b=ONLINE", "c=ONLINE", "d=ONLINE");
        tick.run();
        sent();
        clock.advance(Duration.ofMinutes(1));
        floor("a=BUSY", "b=BUSY", "c=BUSY", "d=BUSY");
        peers.stubFor(post(urlEqualTo("/rta")).withRequestBody(containing("\"UserCode\":\"c\""))
                .atPriority(1).willReturn(aResponse().withStatus(503)));
        TickReport failed = tick.run();
        assertTrue(failed.failure().contains("(1 of 2 requests failed)"), failed.failure());
        assertEquals(2, failed.statesSent());
        RealtimeState state = store.load().state();
        assertEquals(List.of("Busy", "Busy", "Available", "Available"),
                List.of("a", "b", "c", "d").stream().map(id -> state.agents.get(id).code).toList(),
                "what Calabrio took is recorded, what it refused is not");

        peers.resetAll();
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        floor("a=BUSY", "b=BUSY", "c=BUSY", "d=BUSY");
        clock.advance(Duration.ofMinutes(1));
        assertEquals("snapshot", tick.run().mode());
        assertEquals(List.of("a=Busy", "b=Busy", "c=Busy", "d=Busy"), allStates(sent()));
    }

    @Test
    void whenCalabrioFailsTheTickEndsWithinItsBudgetAndTheNextSendsASnapshot() throws IOException {
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        sent();
        clock.advance(Duration.ofMinutes(1));
        floor("a=BUSY", "b=ONLINE");
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(503)));
        TickReport failed = tick.run();
        assertTrue(failed.failed());
        assertTrue(failed.failure().contains("HTTP 503"), failed.failure());
        assertTrue(failed.durationMillis() < RealtimeTick.BUDGET.toMillis());
        sent();

        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        clock.advance(Duration.ofMinutes(1));
        TickReport recovered = tick.run();
        assertEquals("snapshot", recovered.mode());
        assertEquals(List.of("a=Busy", "b=Available"), allStates(sent()));
    }

    @Test
    void aFloodedQueueIsBackPressureRetriedWithinTheTick() throws IOException {
        peers.stubFor(post(urlEqualTo("/rta")).inScenario("flood").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withBody("{\"Message\":\"The state queue is flooded\"}"))
                .willSetStateTo("drained"));
        peers.stubFor(post(urlEqualTo("/rta")).inScenario("flood").whenScenarioStateIs("drained").willReturn(ok()));
        floor("a=ONLINE");
        TickReport report = tick.run();
        assertNull(report.failure());
        assertEquals(2, sent().size(), "refused once as flooded, then accepted");
    }

    @Test
    void anUnknownStatusGetsAFallbackCodeAndOneWarning() throws IOException {
        floor("a=AWAY", "b=70");
        TickReport first = tick.run();
        assertEquals(List.of("70", "AWAY"), first.newlyUnmapped().stream().sorted().toList());
        assertEquals(List.of("a=WA_AWAY", "b=WA_70"), allStates(sent()));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), tick.run().newlyUnmapped(), "warned once");
        String text = logs.text();
        assertEquals(text.indexOf("status AWAY has no state code"), text.lastIndexOf("status AWAY has no state code"));
    }

    @Test
    void eachTickIsOneStructuredLineWithoutSecrets() throws IOException {
        floor("a=ONLINE", "b=IN_WORK/CHAT");
        TickReport report = tick.run();
        String line = report.toLogLine();
        assertTrue(line.startsWith("rta-tick {"), line);
        JsonNode json = JSON.readTree(line.substring("rta-tick ".length()));
        assertEquals(2, json.path("agentsSeen").asInt());
        assertEquals("snapshot", json.path("mode").asText());
        assertEquals(2, json.path("statesSent").asInt());
        assertTrue(json.has("durationMillis") && json.has("parked"));
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"Invalid AuthenticationKey " + RTA_KEY + "\"}")));
        clock.advance(Duration.ofMinutes(1));
        floor("a=BUSY", "b=IN_WORK/CHAT");
        TickReport failed = tick.run();
        for (String text : List.of(failed.toLogLine(), failed.summary(), logs.text())) {
            assertFalse(text.contains(RTA_KEY) || text.contains(ANSWERS_TOKEN), text);
        }
        assertTrue(failed.failure().contains("Invalid AuthenticationKey ***"), failed.failure());
    }
}
