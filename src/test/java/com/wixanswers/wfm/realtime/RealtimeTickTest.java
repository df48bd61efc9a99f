package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.testing.LogCapture;
import com.wixanswers.wfm.testing.ManualClock;
import com.wixanswers.wfm.testing.RealtimeEnvironment;
import com.wixanswers.wfm.testing.RpcAnswers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.wixanswers.wfm.testing.RealtimeEnvironment.ANSWERS_TOKEN;
import static com.wixanswers.wfm.testing.RealtimeEnvironment.RTA_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real-time ticks end to end: WireMock as Wix Answers (/rpc) and Calabrio RTA (/rta), state in memory. */
class RealtimeTickTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension peers = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    // Virtual minutes, in the past: a tick's 45-second budget is real time, whatever clock dates the tick.
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final MemoryStateStore store = new MemoryStateStore();
    private final LogCapture logs = new LogCapture();
    private Integration integration;
    private RealtimeTick tick;

    /** The tick, with batches of two and these settings over the defaults. */
    private RealtimeTick tick(String... settings) {
        Map<String, String> environment = RealtimeEnvironment.against(peers.baseUrl());
        environment.put("RTA_BATCH_SIZE", "2");
        environment.put("RTA_STATE_MAP", "{\"BUSY:Lunch\": \"Lunch\"}");
        for (int index = 0; index < settings.length; index += 2) {
            environment.put(settings[index], settings[index + 1]);
        }
        integration = new Integration.Builder(Settings.load(environment), new EnvironmentSecrets(environment))
                .stateStore(store)
                .clock(clock)
                .peerPolicies(policy -> policy.withWaits(Duration.ofMillis(10), Duration.ofMillis(40),
                        Duration.ofMillis(800)))
                .build();
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        tick = integration.realtimeTick();
        return tick;
    }

    @AfterEach
    void close() {
        logs.close();
        if (integration != null) {
            integration.close();
        }
    }

    private static void floor(String... agents) {
        answers(okJson(RpcAnswers.of(agents)));
    }

    private static void answers(ResponseDefinitionBuilder answer) {
        peers.stubFor(post(urlEqualTo("/rpc")).willReturn(answer));
    }

    /** Calabrio answers a request holding this agent's state with a 400 naming no agent. */
    private static void calabrioRefuses(String agent, String message) {
        peers.stubFor(post(urlEqualTo("/rta")).withRequestBody(containing("\"UserCode\":\"" + agent + "\""))
                .atPriority(1).willReturn(aResponse().withStatus(400).withBody("{\"Message\":\"" + message + "\"}")));
    }

    /** The next tick, a minute after the last. */
    private TickReport nextTick() {
        clock.advance(Duration.ofMinutes(1));
        return tick.run();
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

    private static long snapshots(List<JsonNode> bodies) {
        return bodies.stream().filter(b -> b.path("IsSnapshot").asBoolean()).count();
    }

    private RealtimeState stored() throws RealtimeState.Unreadable {
        return RealtimeState.fromJson(store.read().document());
    }

    @Test
    void aSnapshotFirstThenOnlyChangesInBatchesMappedAsConfigured() throws IOException {
        tick();
        floor("agent-1=ONLINE", "agent-2=BUSY/NONE/Lunch", "agent-3=IN_WORK/CALL", "agent-4=OFFLINE");
        TickReport first = tick.run();
        List<JsonNode> snapshot = sent();
        assertEquals(1, snapshot.size());
        JsonNode body = snapshot.get(0);
        assertEquals(RTA_KEY, body.path("AuthenticationKey").asText());
        assertEquals("wix-answers", body.path("SourceId").asText());
        assertTrue(body.path("IsSnapshot").asBoolean());
        assertEquals(List.of("agent-1=Available", "agent-2=Lunch", "agent-3=OnCall", "agent-4=LoggedOut"),
                states(body), "the offline agent sent as logged out, never left to the snapshot's closing");
        assertEquals("snapshot", first.mode());
        assertEquals(1, first.loggedOutSent());
        assertEquals(4, first.agentsSeen());

        floor("agent-1=BUSY/NONE/Meeting", "agent-2=ONLINE", "agent-3=IN_WORK/CALL", "agent-4=ONLINE");
        TickReport second = nextTick();
        List<JsonNode> changes = sent();
        assertEquals(2, changes.size(), "three changes in batches of two");
        assertEquals(0, snapshots(changes));
        assertEquals(List.of("agent-1=Busy", "agent-2=Available", "agent-4=Available"), allStates(changes));
        assertEquals(3, second.statesSent());

        nextTick();
        assertEquals(List.of(), sent(), "nothing changed, nothing sent");
    }

    @Test
    void aSnapshotEveryFifteenMinutesIsOneRequestHoweverManyAgents() throws IOException {
        tick();
        answers(okJson(RpcAnswers.floor(120, "ONLINE")));
        tick.run();
        assertEquals(1, sent().size(), "120 agents, batch size 2: still one snapshot request");
        for (int minute = 1; minute < 15; minute++) {
            nextTick();
            assertTrue(sent().isEmpty());
        }
        assertEquals("snapshot", nextTick().mode());
        List<JsonNode> snapshot = sent();
        assertEquals(1, snapshot.size());
        assertEquals(120, snapshot.get(0).path("States").size());
    }

    @Test
    void aSuddenCollapseIsWithheldOnThatTickAloneAndTheStateIsStillSaved() throws Exception {
        tick();
        answers(okJson(RpcAnswers.floor(100, "ONLINE")));
        tick.run();
        sent();
        for (int minute = 1; minute < 15; minute++) {
            assertNull(nextTick().snapshotWithheld());
        }
        assertFalse(logs.text().contains("rta-snapshot-withheld"), "no warning before the collapse");

        // 95 agents vanish from the answer at once, just as the snapshot is due: a glitch upstream.
        answers(okJson(RpcAnswers.floor(5, "ONLINE")));
        String before = stored().lastSnapshotAt.toString();
        TickReport collapsed = nextTick();
        assertEquals("5 logged-on agents, fewer than 50% of the previous tick's 100", collapsed.snapshotWithheld());
        assertEquals(0, snapshots(sent()), "nobody is logged out by the glitch");
        assertEquals(1, count(logs.text(), "rta-snapshot-withheld"), "the warning comes on the withheld tick");
        RealtimeState state = stored();
        assertEquals(5, state.lastLoggedOn, "the state was saved after the withheld snapshot");
        assertEquals(before, state.lastSnapshotAt.toString());
        assertTrue(state.agents.get("agent-0100").loggedOn(), "the vanished agents keep their state");

        answers(okJson(RpcAnswers.floor(100, "ONLINE")));
        TickReport recovered = nextTick();
        assertEquals("snapshot", recovered.mode(), "the owed snapshot goes once the floor is back");
        assertEquals(1, count(logs.text(), "rta-snapshot-withheld"), "and on no other tick");
    }

    @Test
    void aGradualEndOfShiftTakesItsSnapshotsAndLogsOutWhoLeft() throws Exception {
        tick();
        int loggedOn = 100;
        int snapshotsTaken = 0;
        for (int minute = 0; minute <= 75; minute++) {
            // Two agents a minute leave the answer (not reported offline, just gone): the floor is empty from
            // minute 50 on; the snapshot of minute 75 lets go of the last who left.
            answers(okJson(loggedOn > 0 ? RpcAnswers.floor(loggedOn, "ONLINE") : RpcAnswers.listing("")));
            TickReport report = minute == 0 ? tick.run() : nextTick();
            assertNull(report.snapshotWithheld(), "minute " + minute + ": " + report.snapshotWithheld());
            snapshotsTaken += report.mode().equals("snapshot") ? 1 : 0;
            loggedOn = Math.max(0, loggedOn - 2);
        }
        assertEquals(6, snapshotsTaken, "a snapshot every 15 minutes, none withheld");
        assertFalse(logs.text().contains("rta-snapshot-withheld"));
        assertTrue(stored().agents.values().stream().noneMatch(RealtimeState.Agent::loggedOn),
                "the snapshots logged out every agent who left");
    }

    @Test
    void anAgentGoingOfflineAsASnapshotIsDueIsLoggedOutInItOnce() throws Exception {
        tick();
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        for (int minute = 1; minute < 15; minute++) {
            nextTick();
        }
        sent();
        floor("a=ONLINE", "b=OFFLINE");
        assertEquals("snapshot", nextTick().mode());
        List<JsonNode> snapshot = sent();
        assertEquals(1, snapshots(snapshot));
        assertEquals(List.of("a=Available", "b=LoggedOut"), allStates(snapshot), "b's logout in the snapshot itself");
        RealtimeState.Agent b = stored().agents.get("b");
        assertTrue(b.offline);
        assertEquals("LoggedOut", b.code);

        nextTick();
        assertEquals(List.of(), sent(), "no second LoggedOut for b");
    }

    @Test
    void aSnapshotSendsWhoWentMissingAsLoggedOutOnce() throws Exception {
        tick();
        floor("a=ONLINE", "b=ONLINE", "c=ONLINE", "d=ONLINE");
        tick.run();
        sent();
        floor("a=ONLINE", "b=OFFLINE", "c=ONLINE");
        nextTick();
        assertEquals(List.of("b=LoggedOut"), allStates(sent()), "d is missing, not offline: it keeps its state");
        for (int minute = 2; minute <= 15; minute++) {
            nextTick();
        }
        List<JsonNode> snapshot = sent();
        assertEquals(1, snapshot.size());
        assertEquals(List.of("a=Available", "c=Available", "d=LoggedOut"), states(snapshot.get(0)),
                "d missing for 15 minutes: the snapshot sends it as logged out");
        RealtimeState state = stored();
        assertTrue(state.agents.get("b").offline);
        assertFalse(state.agents.get("d").loggedOn(), "d is logged out, and forgotten a week after it was last seen");
        assertEquals(clock.instant(), state.lastSnapshotAt);
        nextTick();
        assertEquals(List.of(), sent(), "d is not sent again");
    }

    @Test
    void offlineAgentsUnseenForAWeekLeaveTheState() throws Exception {
        tick();
        floor("a=ONLINE", "b=OFFLINE");
        tick.run();
        floor("a=ONLINE");
        clock.advance(Duration.ofDays(7));
        nextTick();
        RealtimeState state = stored();
        assertTrue(state.agents.containsKey("a"));
        assertFalse(state.agents.containsKey("b"), "offline and unseen for a week: the blob stays bounded");
    }

    @Test
    void anUnknownUserCodeIsParkedNotResentAndTriedAgainLater() throws IOException {
        tick();
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"No person found for UserCode ghost.\"}")));
        floor("agent-1=ONLINE", "ghost=ONLINE", "agent-3=BUSY");
        TickReport first = tick.run();
        assertNull(first.failure(), "the other states were processed: the tick succeeded");
        assertEquals(List.of("ghost"), first.newlyParked());
        assertEquals(1, sent().size(), "the partial 400 is not sent again");
        assertTrue(logs.text().contains("Calabrio refused the state of UserCode ghost"));

        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        floor("agent-1=ONLINE", "ghost=BUSY", "agent-3=BUSY");
        TickReport second = nextTick();
        assertEquals(List.of(), sent(), "agent-1 and agent-3 were processed, ghost is parked: nothing to send");
        assertEquals(1, second.parked());

        clock.advance(Duration.ofMinutes(59));
        TickReport later = tick.run();
        assertTrue(allStates(sent()).contains("ghost=Busy"), "after its park, ghost is tried again");
        assertEquals(0, later.parked());
    }

    @Test
    void aRefusalNamingNoAgentIsSplitUntilTheRefusedStateStandsAlone() throws Exception {
        tick();
        floor("a=ONLINE", "b=ONLINE", "c=ONLINE", "d=ONLINE", "e=ONLINE");
        tick.run();
        sent();
        floor("a=BUSY", "b=BUSY", "c=BUSY", "d=BUSY", "e=BUSY");
        calabrioRefuses("c", "Invalid state code for one of the states");
        TickReport report = nextTick();
        assertNull(report.failure(), "everyone else's state went through in this tick");
        assertEquals(List.of("c"), report.newlyParked());
        assertEquals(4, report.statesSent());
        RealtimeState state = stored();
        assertEquals("Invalid state code for one of the states", state.parked.get("c").reason(),
                "parked with Calabrio's own message");
        assertEquals(List.of("Busy", "Busy", "Available", "Busy", "Busy"),
                List.of("a", "b", "c", "d", "e").stream().map(id -> state.agents.get(id).code).toList());
        assertTrue(logs.text().contains("Invalid state code for one of the states"));
        sent();

        floor("a=ONLINE", "b=BUSY", "c=ONLINE", "d=BUSY", "e=BUSY");
        nextTick();
        assertEquals(List.of("a=Available"), allStates(sent()), "c is parked, the others are not held up");
    }

    @Test
    void aRefusedSnapshotIsFollowedByTheSameStatesAsChanges() throws Exception {
        tick();
        floor("a=ONLINE", "b=BUSY", "c=IN_WORK/CHAT", "d=OFFLINE");
        calabrioRefuses("c", "Unknown state code");
        TickReport report = tick.run();
        List<JsonNode> bodies = sent();
        assertTrue(bodies.get(0).path("IsSnapshot").asBoolean());
        assertEquals("Unknown state code", report.snapshotRefused());
        assertEquals("changes", report.mode());
        List<String> delivered = new ArrayList<>();
        for (JsonNode body : bodies.subList(1, bodies.size())) {
            assertFalse(body.path("IsSnapshot").asBoolean());
            if (!states(body).contains("c=OnChat")) {
                delivered.addAll(states(body));
            }
        }
        delivered.sort(null);
        assertEquals(List.of("a=Available", "b=Busy", "d=LoggedOut"), delivered,
                "the snapshot's states and the tick's logouts, as changes");
        assertEquals(List.of("c"), report.newlyParked());
        assertTrue(stored().agents.get("d").offline);
    }

    @Test
    void anOldServerRefusingLargeBatchesGetsChangesAndOneWarningNamingTheSetting() throws Exception {
        tick();
        peers.stubFor(post(urlEqualTo("/rta")).withRequestBody(containing("\"IsSnapshot\":true")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("{\"Message\":\"Incoming batch too large\"}")));
        answers(okJson(RpcAnswers.floor(6, "ONLINE")));
        TickReport first = tick.run();
        assertNull(first.failure());
        assertEquals(6, first.statesSent(), "the refused snapshot's states went as changes");
        assertEquals(1, count(logs.text(), "RTA_SNAPSHOTS=false"), "one warning, naming the setting");

        sent();
        answers(okJson(RpcAnswers.floor(6, "BUSY")));
        for (int minute = 1; minute <= 16; minute++) {
            nextTick();
        }
        List<JsonNode> later = sent();
        assertEquals(0, snapshots(later), "no snapshot is tried again within the day, though one fell due");
        assertEquals(6, allStates(later).size(), "the changes went");
        assertEquals(1, count(logs.text(), "RTA_SNAPSHOTS=false"), "and no second warning");
    }

    @Test
    void withSnapshotsOffOnlyChangesGoAndAMissingAgentIsLoggedOutAfterAWhile() throws IOException {
        tick("RTA_SNAPSHOTS", "false");
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        List<JsonNode> first = sent();
        assertEquals(0, snapshots(first));
        assertEquals(List.of("a=Available", "b=Available"), allStates(first));
        floor("a=ONLINE");
        for (int minute = 1; minute < 15; minute++) {
            nextTick();
        }
        assertEquals(List.of(), sent(), "b is missing, not offline: it keeps its state for a while");
        nextTick();
        assertEquals(List.of("b=LoggedOut"), allStates(sent()), "then, with no snapshot to do it, it is logged out");
    }

    @Test
    void whenCalabrioRefusesEveryStateNobodyIsParkedAndTheTickFailsWithItsMessage() throws IOException {
        tick();
        floor("a=ONLINE", "b=ONLINE", "c=ONLINE", "d=ONLINE");
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"Invalid source wix-answers\"}")));
        TickReport report = tick.run();
        assertTrue(report.failed());
        assertTrue(report.failure().contains("Invalid source wix-answers"), report.failure());
        assertEquals(List.of(), report.newlyParked(), "a wrong source is nobody's fault among the agents");
        assertTrue(sent().size() <= 1 + 2 + 2, "the snapshot, its changes, one batch split: no more");
    }

    @Test
    void anAnswerListingMoreAgentsThanAllowedFailsTheTickNamingTheSettingAndSendsNothing() throws IOException {
        tick("RTA_MAX_AGENTS", "50");
        answers(okJson(RpcAnswers.floor(51, "ONLINE")));
        TickReport tooMany = tick.run();
        assertTrue(tooMany.failed());
        assertTrue(tooMany.failure().contains("RTA_MAX_AGENTS"), tooMany.failure());
        assertEquals(List.of(), sent());

        // About 1 KB an agent at most: 50 agents' answer may not run to megabytes.
        answers(okJson(RpcAnswers.listing("{\"agentId\":\"a\",\"status\":\"ONLINE\",\"note\":\""
                + "x".repeat(60_000) + "\"}")));
        TickReport tooLarge = nextTick();
        assertTrue(tooLarge.failure().contains("RTA_MAX_AGENTS"), tooLarge.failure());
        assertEquals(List.of(), sent());

        answers(okJson(RpcAnswers.floor(50, "ONLINE")));
        TickReport next = nextTick();
        assertNull(next.failure(), "the next tick runs normally");
        assertEquals("snapshot", next.mode());
    }

    @Test
    void aSecretInABrokenAnswerNeverShowsNotEvenItsBeginning() {
        tick();
        // The token starts at byte 190: cutting the quote at 200 bytes before redacting would show its start.
        String answer = "<html>" + "x".repeat(184) + ANSWERS_TOKEN + " and more";
        answers(aResponse().withStatus(200).withBody(answer));
        TickReport report = tick.run();
        assertTrue(report.failure().contains("not JSON"), report.failure());
        for (String text : List.of(report.toLogLine(), report.failure(), logs.text())) {
            assertFalse(text.contains(ANSWERS_TOKEN.substring(0, 8)), text);
        }
    }

    @Test
    void anUnusableStateBlobIsKeptAsideAndTheTickStartsAfreshWithASnapshot() throws Exception {
        tick();
        for (String corrupt : List.of("{not json", "{\"agents\":null,\"parked\":{}}",
                "{\"agents\":{\"a\":null},\"parked\":{},\"unmappedSeen\":[]}")) {
            store.write(corrupt.getBytes(StandardCharsets.UTF_8), store.read().etag());
            floor("a=ONLINE", "b=BUSY");
            TickReport report = nextTick();
            assertNull(report.failure(), corrupt);
            assertEquals("snapshot", report.mode(), corrupt);
            assertNotNull(report.stateSetAside());
            assertEquals(corrupt, new String(store.keptAside().get(report.stateSetAside()), StandardCharsets.UTF_8));
            assertEquals(List.of("a=Available", "b=Busy"), allStates(sent()));
            assertEquals("Busy", stored().agents.get("b").code, "a good state replaced the bad one");
        }
        assertEquals(3, count(logs.text(), "the state blob is unusable"), "logged once each time");
        assertEquals("changes", nextTick().mode(), "and the ticks after it run as usual");
    }

    @Test
    void whenWixAnswersFailsNothingIsSentAndTheNextTickSendsASnapshot() throws IOException {
        tick();
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        sent();
        for (var failing : List.of(aResponse().withStatus(503), aResponse().withStatus(200).withBody("<html/>"),
                okJson(RpcAnswers.error(-32603, "internal")))) {
            answers(failing);
            TickReport report = nextTick();
            assertTrue(report.failed());
            assertTrue(report.failure().contains("Wix Answers"), report.failure());
            assertEquals(List.of(), sent(), "nothing wrong is sent");
        }
        floor("a=ONLINE", "b=BUSY");
        assertEquals("snapshot", nextTick().mode(), "recovery: a snapshot, though 15 minutes have not passed");
        assertEquals(List.of("a=Available", "b=Busy"), allStates(sent()));
    }

    @Test
    void anAgentTwiceInOneAnswerIsSentOnceAsItsLaterEntrySays() throws Exception {
        tick();
        floor("a=ONLINE", "b=ONLINE", "a=BUSY");
        TickReport first = tick.run();
        assertEquals(2, first.agentsSeen());
        assertEquals(List.of("a=Busy", "b=Available"), allStates(sent()));

        floor("a=IN_WORK/CALL", "b=ONLINE", "a=BUSY", "b=IN_WORK/CHAT");
        TickReport second = nextTick();
        assertEquals(List.of("b=OnChat"), allStates(sent()), "a's later entry is what Calabrio has already");
        assertEquals(2, second.agentsSeen());
        assertEquals("OnChat", stored().agents.get("b").code);
    }

    @Test
    void whenOneBatchFailsTheOthersAreRecordedAndTheNextTickSendsASnapshot() throws Exception {
        tick();
        floor("a=ONLINE", "b=ONLINE", "c=ONLINE", "d=ONLINE");
        tick.run();
        sent();
        floor("a=BUSY", "b=BUSY", "c=BUSY", "d=BUSY");
        peers.stubFor(post(urlEqualTo("/rta")).withRequestBody(containing("\"UserCode\":\"c\""))
                .atPriority(1).willReturn(aResponse().withStatus(503)));
        TickReport failed = nextTick();
        assertTrue(failed.failure().contains("(1 of 2 requests failed)"), failed.failure());
        assertEquals(2, failed.statesSent());
        RealtimeState state = stored();
        assertEquals(List.of("Busy", "Busy", "Available", "Available"),
                List.of("a", "b", "c", "d").stream().map(id -> state.agents.get(id).code).toList(),
                "what Calabrio took is recorded, what it did not is not");

        peers.resetAll();
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        floor("a=BUSY", "b=BUSY", "c=BUSY", "d=BUSY");
        assertEquals("snapshot", nextTick().mode());
        assertEquals(List.of("a=Busy", "b=Busy", "c=Busy", "d=Busy"), allStates(sent()));
    }

    @Test
    void whenCalabrioFailsTheTickEndsWithinItsBudgetAndTheNextSendsASnapshot() throws IOException {
        tick();
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        sent();
        floor("a=BUSY", "b=ONLINE");
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(503)));
        TickReport failed = nextTick();
        assertTrue(failed.failed());
        assertTrue(failed.failure().contains("HTTP 503"), failed.failure());
        assertTrue(failed.durationMillis() < RealtimeTick.BUDGET.toMillis());
        sent();

        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        TickReport recovered = nextTick();
        assertEquals("snapshot", recovered.mode());
        assertEquals(List.of("a=Busy", "b=Available"), allStates(sent()));
    }

    @Test
    void aFloodedQueueIsBackPressureRetriedWithinTheTick() throws IOException {
        tick();
        peers.stubFor(post(urlEqualTo("/rta")).inScenario("flood").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withBody("{\"Message\":\"The state queue is flooded\"}"))
                .willSetStateTo("drained"));
        peers.stubFor(post(urlEqualTo("/rta")).inScenario("flood").whenScenarioStateIs("drained").willReturn(ok()));
        floor("a=ONLINE");
        TickReport report = tick.run();
        assertNull(report.failure());
        assertEquals(List.of(), report.newlyParked(), "back-pressure is nobody's fault");
        assertEquals(2, sent().size(), "refused once as flooded, then accepted");
    }

    @Test
    void aQueueThatStaysFloodedIsRetriedAsBackPressureAndNeverSplitOrParked() throws Exception {
        tick();
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        sent();
        peers.stubFor(post(urlEqualTo("/rta")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"The state queue is flooded\"}")));
        floor("a=BUSY", "b=BUSY");
        TickReport flooded = nextTick();
        assertNotNull(flooded.failure(), "the tick fails: the states wait for the next tick's snapshot");
        assertTrue(flooded.failure().contains("HTTP 400"), flooded.failure());
        assertEquals(List.of(), flooded.newlyParked(), "back-pressure is nobody's fault");
        assertEquals(4, sent().size(), "one request of both states, tried as often as a 429 is; never split");
        assertTrue(stored().parked.isEmpty());
    }

    @Test
    void aRefusedBatchThatIsTheTicksOnlyOneIsSplitAndOnlyItsBadAgentParked() throws Exception {
        tick();
        floor("a=ONLINE", "b=ONLINE");
        tick.run();
        sent();
        floor("a=BUSY", "b=BUSY");
        calabrioRefuses("b", "Invalid state code");
        TickReport report = nextTick();
        assertNull(report.failure(), "a's state went through: the refusal was b's alone");
        assertEquals(List.of("b"), report.newlyParked());
        assertEquals("Busy", stored().agents.get("a").code);
        assertEquals(List.of("a=Busy", "a=Busy", "b=Busy", "b=Busy"), allStates(sent()),
                "the batch of two, then each half alone");
    }

    @Test
    void aSnapshotOwedAfterAFailedTickIsKeptThroughAChangesOnlyTick() throws Exception {
        tick();
        answers(okJson(RpcAnswers.floor(20, "ONLINE")));
        tick.run();
        sent();
        answers(aResponse().withStatus(502));
        assertNotNull(nextTick().failure(), "Wix Answers failed: the next tick owes Calabrio a snapshot");

        answers(okJson(RpcAnswers.floor(2, "BUSY")));
        TickReport withheld = nextTick();
        assertEquals("changes", withheld.mode(), "the owed snapshot is withheld on the collapse");
        assertNotNull(withheld.snapshotWithheld());
        assertTrue(stored().lastTickFailed, "and still owed");

        answers(okJson(RpcAnswers.floor(20, "BUSY")));
        assertEquals("snapshot", nextTick().mode(), "three minutes after the last snapshot: owed, not due by time");
    }

    @Test
    void anUnknownStatusGetsAFallbackCodeAndOneWarning() throws IOException {
        tick();
        floor("a=AWAY", "b=70");
        TickReport first = tick.run();
        assertEquals(List.of("70", "AWAY"), first.newlyUnmapped());
        assertEquals(List.of("a=WA_AWAY", "b=WA_70"), allStates(sent()));
        assertEquals(List.of(), nextTick().newlyUnmapped(), "warned once");
        assertEquals(1, count(logs.text(), "status AWAY has no state code"));
    }

    @Test
    void eachTickIsOneStructuredLineWithoutSecrets() throws IOException {
        tick();
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
        floor("a=BUSY", "b=IN_WORK/CHAT");
        TickReport failed = nextTick();
        for (String text : List.of(failed.toLogLine(), logs.text())) {
            assertFalse(text.contains(RTA_KEY) || text.contains(ANSWERS_TOKEN), text);
        }
        assertTrue(failed.failure().contains("Invalid AuthenticationKey ***"), failed.failure());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
