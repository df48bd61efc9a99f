package com.wixanswers.wfm.calabrio;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerPolicies;
import com.wixanswers.wfm.config.PeerUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calabrio's RTA quirk against WireMock: a 400 for unknown user codes means the batch's other states WERE
 * processed (calabrio.md), so it is a partial delivery naming the unknown agents; any other 400 processed nothing.
 */
class RtaClientTest {
    private static final String KEY = "rta-key-5c2e9a17d3";

    @RegisterExtension
    static WireMockExtension calabrio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private final RtaClient client = new RtaClient(new RtaRequests("wix-answers"),
            new HttpRtaTransport(new PeerHttpClient(PeerPolicies.calabrioRta().withWaits(Duration.ofMillis(10),
                    Duration.ofMillis(40), Duration.ofSeconds(2))),
                    PeerUrl.parse("CALABRIO_RTA_URL", calabrio.baseUrl() + "/rta")),
            () -> new Secret(KEY));

    private static final List<RtaState> BATCH = List.of(new RtaState("agent-1", "Available"),
            new RtaState("Ghost-2", "Busy"), new RtaState("agent-3", "OnCall"), new RtaState("ghost-4", "Lunch"));

    private static void calabrioAnswers400(String message) {
        calabrio.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"Message\":\"" + message + "\"}")));
    }

    private RtaClient.Delivery send() {
        return client.send("tick-1-changes-1", false, BATCH, Instant.now().plusSeconds(30));
    }

    @Test
    void unknownUserCodesAreMatchedCaseInsensitivelyAndTheOthersCountAsProcessed() {
        calabrioAnswers400("No person found for UserCode GHOST-2. No person found for UserCode: 'ghost-4'");

        RtaClient.Delivery delivery = send();

        assertEquals(Set.of("Ghost-2", "ghost-4"), delivery.unknownUserCodes(), "named as the integration sent them");
        assertEquals(List.of(new RtaState("agent-1", "Available"), new RtaState("agent-3", "OnCall")),
                delivery.processed());
        assertEquals(1, calabrio.findAll(postRequestedFor(urlEqualTo("/rta"))).size(),
                "the batch is not sent again: its other states are already processed");
    }

    @Test
    void aUserCodeThatIsNotInTheBatchDoesNotMakeAPartialDelivery() {
        calabrioAnswers400("No person found for UserCode somebody-else");

        PeerException refused = assertThrows(PeerException.class, this::send);

        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("No person found for UserCode somebody-else"), refused.getMessage());
    }

    @Test
    void anyOther400ProcessedNothingAndNamesNoSecret() {
        calabrioAnswers400("Invalid authentication key " + KEY);

        PeerException refused = assertThrows(PeerException.class, this::send);

        assertEquals(PeerException.Kind.REJECTED, refused.kind());
        assertFalse(refused.getMessage().contains(KEY), refused.getMessage());
        assertEquals(1, calabrio.findAll(postRequestedFor(urlEqualTo("/rta"))).size(), "a 400 is never retried");
    }

    @Test
    void theUnknownUserMessageCountsOnlyOnA400() {
        calabrio.stubFor(post(urlEqualTo("/rta")).willReturn(aResponse().withStatus(500)
                .withBody("{\"Message\":\"No person found for UserCode ghost-4\"}")));

        PeerException failed = assertThrows(PeerException.class, this::send);

        assertEquals(PeerException.Kind.UNAVAILABLE, failed.kind(), "a 5xx is an outage, nothing was processed");
    }
}
