package com.wixanswers.wfm.realtime;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.testing.ManualClock;
import com.wixanswers.wfm.testing.QueuedRta;
import com.wixanswers.wfm.testing.RealtimeEnvironment;
import com.wixanswers.wfm.testing.RpcAnswers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay against Calabrio's queued RTA path, where one agent Calabrio does not know keeps every snapshot from
 * closing: no agent may stay logged on in Calabrio after Wix Answers has them offline or gone, because every logout
 * is sent, never implied.
 */
class QueuedRtaPathTest {
    private static final QueuedRta CALABRIO = new QueuedRta();

    @RegisterExtension
    static WireMockExtension peers = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(CALABRIO)).build();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T08:00:00Z"));
    private Integration integration;

    @AfterEach
    void close() {
        if (integration != null) {
            integration.close();
        }
    }

    private static void floor(String... agents) {
        peers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(RpcAnswers.of(agents))));
    }

    @Test
    void offlineAtASnapshotTickVanishedAndOfflineFromTheFirstTickAreAllLoggedOutInCalabrio() {
        // Calabrio still shows a5 logged on from before the relay started; "stranger" is unknown to it for good.
        CALABRIO.knows("Available", "a5").knows("Available", "a1", "a2", "a3", "a4", "a6");
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withTransformers(QueuedRta.NAME)));
        Map<String, String> environment = RealtimeEnvironment.against(peers.baseUrl());
        integration = new Integration.Builder(Settings.load(environment), new EnvironmentSecrets(environment))
                .stateStore(new MemoryStateStore()).clock(clock).build();
        RealtimeTick tick = integration.realtimeTick();

        List<TickReport> reports = new ArrayList<>();
        for (int minute = 0; minute <= 20; minute++) {
            List<String> floor = new ArrayList<>(List.of("a1=ONLINE", "a6=BUSY", "stranger=ONLINE"));
            floor.add(minute < 3 ? "a2=ONLINE" : null);                      // vanishes from the answer at minute 3
            floor.add(minute < 5 ? "a3=ONLINE" : "a3=OFFLINE");              // goes offline at minute 5
            floor.add(minute < 15 ? "a4=IN_WORK/CALL" : "a4=OFFLINE");       // goes offline as a snapshot is due
            floor.add("a5=OFFLINE");                                         // offline from the first tick on
            floor(floor.stream().filter(java.util.Objects::nonNull).toArray(String[]::new));
            reports.add(tick.run());
            clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(Map.of("a1", "Available", "a2", QueuedRta.LOGGED_OUT, "a3", QueuedRta.LOGGED_OUT,
                "a4", QueuedRta.LOGGED_OUT, "a5", QueuedRta.LOGGED_OUT, "a6", "Busy"), CALABRIO.view());
        assertEquals(2, CALABRIO.unclosedSnapshots(), "the snapshots of minutes 0 and 15 never closed");
        assertEquals(List.of("snapshot", "snapshot"), List.of(reports.get(0).mode(), reports.get(15).mode()));
        assertEquals(1, reports.get(0).loggedOutSent(), "a5, offline on the first tick");
        assertEquals(1, reports.get(5).loggedOutSent(), "a3");
        assertEquals(1, reports.get(15).loggedOutSent(), "a4, in the snapshot itself");
        assertEquals(1, reports.get(17).loggedOutSent(), "a2, last seen at minute 2: missing fifteen minutes");
        assertEquals(4, reports.stream().mapToInt(TickReport::loggedOutSent).sum(), "each once");
        assertTrue(reports.stream().allMatch(report -> report.failure() == null));
    }
}
