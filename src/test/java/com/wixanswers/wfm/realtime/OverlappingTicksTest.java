package com.wixanswers.wfm.realtime;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.testing.Azurite;
import com.wixanswers.wfm.testing.ManualClock;
import com.wixanswers.wfm.testing.RealtimeEnvironment;
import com.wixanswers.wfm.testing.RpcAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two ticks overlapping on the state blob (Azurite): the one that writes second is refused, the stored state is the
 * first one's plus a flag, and the next tick realigns Calabrio with a snapshot.
 */
class OverlappingTicksTest {
    @RegisterExtension
    static Azurite azurite = new Azurite();

    @RegisterExtension
    static WireMockExtension peers = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** The blob store, with another tick's write slipped in once, between this tick's read and its write. */
    static final class OverlappedStore implements StateStore {
        private final StateStore blob;
        private boolean overlapOnce = true;

        OverlappedStore(StateStore blob) {
            this.blob = blob;
        }

        @Override
        public Stored read() {
            return blob.read();
        }

        @Override
        public String etag() {
            return blob.etag();
        }

        @Override
        public Optional<String> write(byte[] document, String etag) {
            if (overlapOnce) {
                overlapOnce = false;
                try {
                    Stored theirs = blob.read();
                    RealtimeState other = RealtimeState.fromJson(theirs.document());
                    other.agent("written-by-the-other-tick").code = "Available";
                    blob.write(other.toJson(), theirs.etag()).orElseThrow();
                } catch (RealtimeState.Unreadable e) {
                    throw new AssertionError(e);
                }
            }
            return blob.write(document, etag);
        }

        @Override
        public void keepAside(String name, byte[] document) {
            blob.keepAside(name, document);
        }
    }

    @Test
    void theLaterWriterIsRefusedAndTheNextTickSendsASnapshot() throws Exception {
        var container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient("realtime-overlap");
        BlobStateStore blob = new BlobStateStore(container);
        blob.write(new RealtimeState().toJson(), null).orElseThrow();
        Map<String, String> environment = RealtimeEnvironment.against(peers.baseUrl());
        peers.stubFor(post(urlEqualTo("/rta")).willReturn(ok()));
        peers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(RpcAnswers.of("a=ONLINE"))));
        ManualClock clock = new ManualClock(Instant.parse("2026-11-28T08:00:00Z"));
        try (Integration integration = new Integration.Builder(Settings.load(environment),
                new EnvironmentSecrets(environment)).stateStore(new OverlappedStore(blob)).clock(clock).build()) {
            RealtimeTick tick = integration.realtimeTick();
            TickReport first = tick.run();
            assertTrue(first.stateConflict(), "the second writer learned it was second");

            RealtimeState stored = RealtimeState.fromJson(blob.read().document());
            assertTrue(stored.agents.containsKey("written-by-the-other-tick"), "the first write stands, uncorrupted");
            assertTrue(stored.lastTickFailed, "flagged, so the next tick realigns Calabrio");

            clock.advance(Duration.ofMinutes(1));
            peers.resetRequests();
            TickReport second = tick.run();
            assertEquals("snapshot", second.mode(), "after the overlap, a snapshot, not 14 minutes of drift");
            peers.verify(1, postRequestedFor(urlEqualTo("/rta"))
                    .withRequestBody(matchingJsonPath("$.IsSnapshot", equalToJson("true"))));
        }
    }
}
