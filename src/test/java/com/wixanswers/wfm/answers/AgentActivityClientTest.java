package com.wixanswers.wfm.answers;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerPolicies;
import com.wixanswers.wfm.config.PeerUrl;
import com.wixanswers.wfm.testing.RpcAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AgentActivityRpcService.getAgentActivities as wix-answers.md describes it, against WireMock. */
class AgentActivityClientTest {
    private static final String TOKEN = "answers-token-3c9e71a0f4";

    @RegisterExtension
    static WireMockExtension answers = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private AgentActivityClient client() {
        return new AgentActivityClient(new PeerHttpClient(PeerPolicies.wixAnswers(1_000)
                .withWaits(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(500))),
                PeerUrl.parse("ANSWERS_RPC_URL", answers.baseUrl() + "/rpc"), () -> new Secret(TOKEN), 1_000);
    }

    private static Instant soon() {
        return Instant.now().plusSeconds(10);
    }

    private static String result(String activities) {
        return RpcAnswers.listing(activities);
    }

    @Test
    void itCallsTheRpcWithTheTokenAndReadsNamedAndNumericCodes() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(result(
                "{\"agentId\":\"agent-1\",\"status\":\"ONLINE\",\"channel\":\"NONE\",\"busyReason\":null,"
                        + "\"since\":\"2026-11-28T01:02:03Z\"},"
                        + "{\"agentId\":\"agent-2\",\"status\":60,\"channel\":0,\"busyReason\":\"Lunch\"},"
                        + "{\"agentId\":\"agent-3\",\"status\":\"40\",\"channel\":20,\"mood\":\"cheerful\"},"
                        + "{\"agentId\":\"agent-4\",\"status\":\"away\"},"
                        + "{\"agentId\":\"agent-5\",\"status\":70,\"channel\":99}"))));
        AgentActivityClient.Answer fetched = client().fetch(soon());
        assertEquals(List.of(
                new AgentActivity("agent-1", "ONLINE", "NONE", null),
                new AgentActivity("agent-2", "BUSY", "NONE", "Lunch"),
                new AgentActivity("agent-3", "IN_WORK", "CALL", null),
                new AgentActivity("agent-4", "AWAY", null, null),
                new AgentActivity("agent-5", "70", "99", null)), fetched.activities());
        answers.verify(postRequestedFor(urlEqualTo("/rpc"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("2.0")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("getAgentActivities")))
                .withRequestBody(matchingJsonPath("$.id"))
                .withRequestBody(matchingJsonPath("$.params", equalToJson("[{}]"))));
    }

    @Test
    void entriesWithoutAnAgentOrStatusAreSkippedAndALaterDuplicateWins() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(result(
                "{\"status\":\"ONLINE\"},{\"agentId\":\"agent-1\"},{\"agentId\":\"agent-2\",\"status\":\"ONLINE\"},"
                        + "{\"agentId\":\"agent-2\",\"status\":\"BUSY\"}"))));
        AgentActivityClient.Answer fetched = client().fetch(soon());
        assertEquals(2, fetched.skipped());
        assertEquals(List.of(new AgentActivity("agent-2", "BUSY", null, null)), fetched.activities());
    }

    @Test
    void theEnvelopesEndDecidesAnErrorAfterTheListOrAnAnswerBrokenOffFailsTheCall() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson("{\"result\":{\"activities\":["
                + "{\"agentId\":\"a\",\"status\":\"ONLINE\"}]},\"error\":{\"code\":-1,\"message\":\"late\"}}")));
        PeerException error = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.REJECTED, error.kind());

        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson("{\"result\":{\"activities\":["
                + "{\"agentId\":\"a\",\"status\":\"ONLINE\"},{\"agentId\":\"b\",\"sta")));
        PeerException broken = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.MALFORMED, broken.kind());
        assertTrue(broken.getMessage().contains("not JSON") && broken.getMessage().contains("beginning: {\"result\""),
                broken.getMessage());
    }

    @Test
    void anAnswerOverTheAgentLimitOrItsBytesFailsNamingTheSetting() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(RpcAnswers.floor(1_001, "ONLINE"))));
        PeerException tooMany = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.MALFORMED, tooMany.kind());
        assertTrue(tooMany.getMessage().contains("more than 1,000 agents, more than RTA_MAX_AGENTS allows"),
                tooMany.getMessage());

        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(result("{\"agentId\":\"a\",\"status\":\"ONLINE\","
                + "\"padding\":\"" + "x".repeat(1_100_000) + "\"}"))));
        PeerException tooLarge = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.MALFORMED, tooLarge.kind());
        assertTrue(tooLarge.getMessage().contains("more than 1,024,000 bytes, more than RTA_MAX_AGENTS=1000 allows"),
                tooLarge.getMessage());
        answers.verify(2, postRequestedFor(urlEqualTo("/rpc")));
    }

    @Test
    void anAnswerTricklingInEndsAtTheDeadline() {
        // Every part arrives well within the attempt's timeout, the whole far after the deadline.
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(result("{\"agentId\":\"a\",\"status\":\"ONLINE\"}"))
                .withChunkedDribbleDelay(40, 4_000)));
        long started = System.nanoTime();
        PeerException e = assertThrows(PeerException.class, () -> client().fetch(Instant.now().plusMillis(400)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(PeerException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("did not answer before the deadline"), e.getMessage());
        assertTrue(tookMillis < 2_000, "gave up after " + tookMillis + " ms, not when the answer had trickled in");
    }

    @Test
    void aJsonRpcErrorIsRefusedWithItsMessage() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(RpcAnswers.error(-32000, "tenant suspended"))));
        PeerException e = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("JSON-RPC error -32000: tenant suspended"), e.getMessage());
    }

    @Test
    void answersThatAreNotTheRpcsAreMalformed() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));
        PeerException notJson = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.MALFORMED, notJson.kind());
        assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());

        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson("{\"jsonrpc\":\"2.0\",\"result\":{}}")));
        PeerException noList = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertTrue(noList.getMessage().contains("no result.activities array"), noList.getMessage());
    }

    @Test
    void anOutageIsRetriedOnceThenReportedAsUnavailable() {
        answers.stubFor(post(urlEqualTo("/rpc")).inScenario("blip").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        answers.stubFor(post(urlEqualTo("/rpc")).inScenario("blip").whenScenarioStateIs("up")
                .willReturn(okJson(result("{\"agentId\":\"a\",\"status\":\"ONLINE\"}"))));
        assertEquals(1, client().fetch(soon()).activities().size());

        answers.resetAll();
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(aResponse().withStatus(502)));
        PeerException e = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.UNAVAILABLE, e.kind());
        answers.verify(2, postRequestedFor(urlEqualTo("/rpc")));
    }

    @Test
    void aSlowGatewayEndsAtTheDeadline() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(okJson(result("")).withFixedDelay(3_000)));
        long started = System.nanoTime();
        PeerException e = assertThrows(PeerException.class, () -> client().fetch(Instant.now().plusMillis(700)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(PeerException.Kind.UNAVAILABLE, e.kind());
        assertTrue(tookMillis < 2_500, "gave up after " + tookMillis + " ms, before the slow answer came");
    }

    @Test
    void aRetryAfterLongerThanTheTimeLeftEndsTheCallAtOnce() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        long started = System.nanoTime();
        PeerException e = assertThrows(PeerException.class, () -> client().fetch(Instant.now().plusSeconds(2)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(PeerException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("HTTP 429") && e.getMessage().contains("retry after 3 s"), e.getMessage());
        assertTrue(tookMillis < 1_000, "waited " + tookMillis + " ms for a retry the deadline could not hold");
        answers.verify(1, postRequestedFor(urlEqualTo("/rpc")));
    }

    @Test
    void refusedCredentialsNameTheTokenSettingNotTheToken() {
        answers.stubFor(post(urlEqualTo("/rpc")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"bad token " + TOKEN + "\"}")));
        PeerException e = assertThrows(PeerException.class, () -> client().fetch(soon()));
        assertEquals(PeerException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("ANSWERS_API_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }
}
