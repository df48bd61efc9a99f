package com.wixanswers.wfm.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.Gson;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.calabrio.WfmTransport;
import com.wixanswers.wfm.config.EnvironmentSecrets;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.testing.FakeHttpRequest;
import com.wixanswers.wfm.testing.FakeOrchestrationClient;
import com.wixanswers.wfm.testing.WfmStandIn;
import com.wixanswers.wfm.workflow.DriverClock;
import com.wixanswers.wfm.workflow.InProcessDriver;
import com.wixanswers.wfm.workflow.InstanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forecast runs through the in-process driver, WireMock as Calabrio's WFM API, H2 as the reporting database. */
class ForecastRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET_FORECAST = "/api/command/SetForecast";

    @TempDir
    Path directory;
    private final WfmStandIn calabrio = new WfmStandIn("Billing", "Sales", "Support");
    private final String url = "jdbc:h2:mem:forecast-run-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=MSSQLServer";
    private final DriverClock clock = DriverClock.virtual(Instant.parse("2026-12-03T04:00:00Z"));
    private final List<Instant> setForecastTimes = Collections.synchronizedList(new ArrayList<>());
    private final Connection keepAlive;
    private Integration integration;

    ForecastRunTest() throws Exception {
        keepAlive = DriverManager.getConnection(url);
        ForecastsSchema.create(keepAlive, new com.wixanswers.wfm.sql.TableName("forecasts"));
        for (String skill : List.of("Billing", "Sales", "Support")) {
            for (int hour = 8; hour < 18; hour++) {
                try (PreparedStatement insert = keepAlive.prepareStatement(ForecastsSchema.insertSql(
                        new com.wixanswers.wfm.sql.TableName("forecasts")))) {
                    ForecastsSchema.bind(insert, skill, Instant.parse(String.format("2026-12-03T%02d:00:00Z", hour)),
                            60, BigDecimal.TEN, new BigDecimal("180"), new BigDecimal("20"), null,
                            Instant.parse("2026-12-02T00:00:00Z"));
                    insert.executeUpdate();
                }
            }
        }
        calabrio.server.stubFor(post(urlEqualTo("/api/query/Scenario/AllScenarios")).willReturn(okJson(
                "{\"Result\":[{\"Id\":\"sc-other\",\"Name\":\"What if\",\"DefaultScenario\":false},"
                        + "{\"Id\":\"sc-default\",\"Name\":\"Default\",\"DefaultScenario\":true}],\"Successful\":true}")));
        calabrio.server.stubFor(post(urlEqualTo(SET_FORECAST)).willReturn(okJson("{\"Successful\":true}")));
    }

    @AfterEach
    void close() throws Exception {
        calabrio.close();
        if (integration != null) {
            integration.close();
        }
        keepAlive.createStatement().execute("SHUTDOWN");
    }

    private InstanceState run() throws Exception {
        Map<String, String> environment = new HashMap<>(calabrio.settings());
        environment.put("SQL_CONNECTION_STRING", url);
        environment.put("FORECAST_SET_COMMAND", "true");
        environment.put("FORECAST_TIME_ZONE", "Europe/Berlin");
        environment.put("FORECAST_HORIZON_DAYS", "2");
        integration = new Integration.Builder(Settings.load(environment), new EnvironmentSecrets(environment))
                .forecastFolder(new DirectoryFolder(directory)).wfmAround(this::recorded).build();
        try (InProcessDriver driver = new InProcessDriver(integration.workflows(), 4, clock)) {
            ForecastHorizon horizon = integration.forecastRuns().scheduled(clock.now());
            assertTrue(integration.forecastRuns().start(driver, horizon).isEmpty());
            return driver.awaitCompletion(horizon.name());
        }
    }

    private WfmTransport recorded(WfmTransport transport) {
        return (path, name, body) -> {
            if (path.equals("command/SetForecast")) {
                setForecastTimes.add(clock.now());
            }
            return transport.post(path, name, body);
        };
    }

    private List<JsonNode> setForecastBodies() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : calabrio.server.findAll(postRequestedFor(urlEqualTo(SET_FORECAST)))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void aFailingSkillNeverStopsTheOthersAndTheRunEndsFailedNamingIt() throws Exception {
        calabrio.server.stubFor(post(urlEqualTo(SET_FORECAST)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.SkillId", equalTo("skill-sales")))
                .willReturn(okJson("{\"Successful\":false,\"Message\":\"The skill is not in the scenario\"}")));
        InstanceState state = run();
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertEquals("Unexpected failure in the task execution", state.failureMessage(), "as Azure stores it");
        assertTrue(failure(state).startsWith("forecasts of 2026-12-03 for 2 days: 1 of 3 skills failed; the"
                + " file forecast-2026-12-03_2026-12-04.csv holds the others. skill Sales:"), failure(state));
        assertTrue(failure(state).contains("The skill is not in the scenario"), failure(state));
        List<JsonNode> bodies = setForecastBodies();
        assertEquals(3, bodies.size(), "one SetForecast per skill, the refused one not sent again");
        assertTrue(bodies.stream().allMatch(body -> body.path("ScenarioId").asText().equals("sc-default")
                && body.path("BusinessUnitId").asText().equals(WfmStandIn.BUSINESS_UNIT)));
        JsonNode status = JSON.readTree(state.customStatus());
        assertEquals(3, status.path("skills").asInt());
        assertEquals(1, status.path("failed").asInt());
        assertEquals(20, status.path("intervalsSent").asLong(), "Billing's and Support's ten hours");
        List<String> lines = Files.readAllLines(directory.resolve("forecast-2026-12-03_2026-12-04.csv"));
        assertEquals(30, lines.size(), "the file holds every skill, sent or not");
        assertTrue(lines.get(0).startsWith("Billing,20261203 09:00,20261203 10:00,10,180,20"), lines.get(0));
    }

    @Test
    void a429IsWaitedOutNeverSoonerThanCalabrioAsksAndA5xxStormFailsTheSkillAlone() throws Exception {
        calabrio.server.stubFor(post(urlEqualTo(SET_FORECAST)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.SkillId", equalTo("skill-support")))
                .inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "90")).willSetStateTo("calm"));
        calabrio.server.stubFor(post(urlEqualTo(SET_FORECAST)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.SkillId", equalTo("skill-sales")))
                .willReturn(aResponse().withStatus(503)));
        InstanceState state = run();
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertEquals("Unexpected failure in the task execution", state.failureMessage(), "as Azure stores it");
        assertTrue(failure(state).contains("skill Sales:") && failure(state).contains("HTTP 503"),
                failure(state));
        assertTrue(!failure(state).contains("skill Support"), "Support went after its wait");
        calabrio.server.verify(5, postRequestedFor(urlEqualTo(SET_FORECAST))
                .withRequestBody(matchingJsonPath("$.SkillId", equalTo("skill-sales"))));
        List<Instant> times = new ArrayList<>(setForecastTimes);
        times.sort(null);
        Instant refused = times.get(0);
        assertTrue(times.stream().skip(3).allMatch(at -> !at.isBefore(refused.plusSeconds(90))),
                "after the 429 nothing went sooner than its Retry-After: " + times);
    }

    @Test
    void refusedCredentialsStillWriteTheFileUncheckedAndFailTheRunNamingTheTokenNotASkill() throws Exception {
        calabrio.server.stubFor(post(urlEqualTo("/api/query/Skill/AllSkills")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withBody("{\"Message\":\"token expired\"}")));
        InstanceState state = run();
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertEquals("Unexpected failure in the task execution", state.failureMessage(), "as Azure stores it");
        assertTrue(failure(state).startsWith("forecasts of 2026-12-03 for 2 days: Calabrio's skills could not"
                + " be read; the file forecast-2026-12-03_2026-12-04.csv holds every skill of the table, unchecked."
                + " Calabrio's skills: "), failure(state));
        assertTrue(failure(state).contains("CALABRIO_API_TOKEN")
                && !failure(state).contains(WfmStandIn.TOKEN), failure(state));
        assertEquals(0, setForecastBodies().size(), "nothing is sent for skills Calabrio was not asked about");
        assertEquals(30, Files.readAllLines(directory.resolve("forecast-2026-12-03_2026-12-04.csv")).size());
        assertEquals(0, JSON.readTree(state.customStatus()).path("failed").asInt(), "no skill failed");
    }

    @Test
    void theRerunAnswers400NamingTheParameter409WhileItRunsAnd202() throws Exception {
        ForecastTriggers triggers = new ForecastTriggers(new ForecastRuns(Settings.load(Map.of()).forecast(), Settings.load(Map.of()).wfm()),
                Clock.fixed(Instant.parse("2026-12-03T04:00:00Z"), ZoneOffset.UTC));
        DurableClientContext durable = new Gson().fromJson("{\"rpcBaseUrl\":\"http://127.0.0.1:1\",\"taskHubName\":"
                + "\"WixAnswersCalabrio\",\"requiredQueryStringParameters\":\"code=k\"}", DurableClientContext.class);
        FakeOrchestrationClient client = new FakeOrchestrationClient();
        Map<String, Map<String, String>> cases = Map.of("from", Map.of("days", "3"), "days",
                Map.of("from", "2026-12-03", "days", "99"));
        for (Map.Entry<String, Map<String, String>> bad : cases.entrySet()) {
            FakeHttpRequest request = new FakeHttpRequest("https://app/api/forecasts/runs", bad.getValue());
            HttpResponseMessage response = triggers.rerun(request, client, id -> durable.createCheckStatusResponse(
                    request, id), Logger.getAnonymousLogger());
            assertEquals(400, response.getStatusCode());
            assertEquals(bad.getKey(), JSON.readTree((String) response.getBody()).path("parameter").asText());
        }
        FakeHttpRequest request = new FakeHttpRequest("https://app/api/forecasts/runs",
                Map.of("from", "2026-11-30", "days", "3"));
        assertEquals(202, triggers.rerun(request, client, id -> durable.createCheckStatusResponse(request, id),
                Logger.getAnonymousLogger()).getStatusCode());
        assertEquals(List.of("ForecastRun forecast-2026-11-30_2026-12-02"), client.started, "past days included");
        client.running.add("forecast-2026-11-30_2026-12-02");
        assertEquals(409, triggers.rerun(request, client, id -> durable.createCheckStatusResponse(request, id),
                Logger.getAnonymousLogger()).getStatusCode());

        triggers.startScheduledRun(client, Logger.getAnonymousLogger());
        assertEquals("ForecastRun forecast-2026-12-03_2026-12-16", client.started.get(1),
                "the timer: the next 14 local days, today included");
    }

    /** Why the run failed, as an operator reads it in Azure: in its custom status. */
    private static String failure(InstanceState state) throws IOException {
        return JSON.readTree(state.customStatus()).path("failure").asText();
    }
}
