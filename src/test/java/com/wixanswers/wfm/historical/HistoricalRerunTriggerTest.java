package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.config.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.HttpManagementPayload;
import com.wixanswers.wfm.testing.FakeOrchestrationClient;
import com.wixanswers.wfm.testing.FakeHttpRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The historical triggers, built as the injector builds them, with a fixed clock and a fake durable client: POST
 * /api/historical/runs answers with the durable client's own check-status payload; the timer starts the lookback.
 */
class HistoricalRerunTriggerTest {
    // 2026-11-28 01:30 in Berlin is still 2026-11-27 in UTC: "today" is the statistics zone's.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:30:00Z"), ZoneOffset.UTC);
    private final HistoricalTriggers triggers = new HistoricalTriggers(ZoneId.of("Europe/Berlin"), 3,
            Settings.load(Map.of()).historical().intraday(), CLOCK);
    private static final Logger LOG = Logger.getLogger(HistoricalRerunTriggerTest.class.getName());
    // Populated as the Functions worker populates it: by Gson, from the host's binding data.
    private static final DurableClientContext DURABLE = new Gson().fromJson("{\"rpcBaseUrl\":\"http://127.0.0.1:1\","
            + "\"taskHubName\":\"WixAnswersCalabrio\",\"requiredQueryStringParameters\":\"code=function-key\"}",
            DurableClientContext.class);

    private final FakeOrchestrationClient client = new FakeOrchestrationClient();

    private HttpResponseMessage post(String from, String to) {
        Map<String, String> query = new HashMap<>();
        if (from != null) {
            query.put("from", from);
        }
        if (to != null) {
            query.put("to", to);
        }
        FakeHttpRequest request = new FakeHttpRequest("https://app.azurewebsites.net/api/historical/runs", query);
        return triggers.rerun(request, client, id -> DURABLE.createCheckStatusResponse(request, id), LOG);
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return new ObjectMapper().readTree((String) response.getBody());
    }

    @Test
    void aValidRangeStartsTheRunAndAnswers202WithTheCheckStatusPayload() {
        HttpResponseMessage response = post("2026-11-20", "2026-11-27");
        assertEquals(202, response.getStatusCode());
        assertEquals(List.of("HistoricalRun historical-run-2026-11-20_2026-11-27"), client.started);
        assertEquals("https://app.azurewebsites.net/runtime/webhooks/durabletask/instances/"
                + "historical-run-2026-11-20_2026-11-27?code=function-key", response.getHeader("Location"));
        HttpManagementPayload payload = (HttpManagementPayload) response.getBody();
        assertEquals("historical-run-2026-11-20_2026-11-27", payload.getId());
        assertTrue(payload.getStatusQueryGetUri().endsWith("?code=function-key"), payload.getStatusQueryGetUri());
    }

    @Test
    void badDatesAreA400JsonErrorNamingTheParameter() throws Exception {
        HttpResponseMessage response = post("2026-11-31", "2026-12-01");
        assertEquals(400, response.getStatusCode());
        assertEquals("application/json", response.getHeader("Content-Type"));
        assertEquals("from", json(response).path("parameter").asText());
        assertEquals("from (2026-11-31) is not a date: use yyyy-MM-dd", json(response).path("error").asText());

        assertEquals("to", json(post("2026-11-01", null)).path("parameter").asText());
        assertEquals(400, post("2026-11-27", "2026-11-01").getStatusCode());
        assertEquals(400, post("2026-09-01", "2026-11-01").getStatusCode());
        assertTrue(json(post("2026-11-27", "2026-11-29")).path("error").asText().contains("in the future"));
        assertTrue(client.started.isEmpty());
    }

    @Test
    void theSameRangeRunningNowIsA409AndAnOverlappingOrFinishedRangeRuns() throws Exception {
        client.running.add("historical-run-2026-11-25_2026-11-27");
        HttpResponseMessage conflict = post("2026-11-25", "2026-11-27");
        assertEquals(409, conflict.getStatusCode());
        assertEquals("historical-run-2026-11-25_2026-11-27 is running now; wait for it to finish",
                json(conflict).path("error").asText());
        assertTrue(client.started.isEmpty());
        assertEquals(202, post("2026-11-26", "2026-11-27").getStatusCode(), "its days run under ids of their own");

        client.started.clear();
        client.running.clear();
        assertEquals(202, post("2026-11-25", "2026-11-27").getStatusCode());
        assertEquals(202, post("2026-11-25", "2026-11-27").getStatusCode(), "finished: it runs again");
        assertEquals(2, client.started.size());
    }

    @Test
    void theTimerStartsTheLookbackEndingYesterdayInTheStatisticsZone() {
        triggers.startScheduledRun(client, LOG);
        assertEquals(List.of("HistoricalRun historical-run-2026-11-25_2026-11-27"), client.started);

        client.running.add("historical-run-2026-11-25_2026-11-27");
        triggers.startScheduledRun(client, LOG);
        assertEquals(1, client.started.size(), "the range running keeps the timer from starting it again");
    }
}
