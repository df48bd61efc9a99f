package com.wixanswers.wfm.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.storage.DirectoryFolder;
import com.wixanswers.wfm.testing.FakeHttpRequest;
import com.wixanswers.wfm.testing.FakeOrchestrationClient;
import com.wixanswers.wfm.testing.Workbooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The onboarding triggers, built as the injector builds them, with a fake durable client and a directory. */
class OnboardingTriggersTest {
    private static final Logger LOG = Logger.getLogger(OnboardingTriggersTest.class.getName());
    private static final DurableClientContext DURABLE = new Gson().fromJson("{\"rpcBaseUrl\":\"http://127.0.0.1:1\","
            + "\"taskHubName\":\"WixAnswersCalabrio\",\"requiredQueryStringParameters\":\"code=function-key\"}",
            DurableClientContext.class);
    private static final byte[] FILE = "agentId,firstName,lastName,email,startDate,skills\n".getBytes(
            StandardCharsets.UTF_8);

    @TempDir
    Path directory;
    private final FakeOrchestrationClient client = new FakeOrchestrationClient();

    private OnboardingTriggers triggers() {
        DirectoryFolder folder = new DirectoryFolder(directory);
        folder.write("incoming/agents.csv", FILE);
        Settings settings = Settings.load(Map.of());
        return new OnboardingTriggers(new OnboardingRuns(folder, settings.onboarding(), settings.wfm()), Clock.fixed(Instant.parse("2026-12-03T10:15:30Z"), ZoneOffset.UTC));
    }

    private HttpResponseMessage post(OnboardingTriggers triggers, String blob) {
        Map<String, String> query = new HashMap<>();
        if (blob != null) {
            query.put("blob", blob);
        }
        FakeHttpRequest request = new FakeHttpRequest("https://app.azurewebsites.net/api/onboarding/runs", query);
        return triggers.rerun(request, client, id -> DURABLE.createCheckStatusResponse(request, id), LOG);
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return new ObjectMapper().readTree((String) response.getBody());
    }

    @Test
    void anUploadStartsOneRunWhoseIdDerivesFromItsNameAndContentAndARedeliveryStartsNone() {
        OnboardingTriggers triggers = triggers();
        triggers.upload(client, "incoming/agents.csv", FILE, LOG);
        triggers.upload(client, "incoming/agents.csv", FILE, LOG);
        assertEquals(List.of("OnboardingRun onboarding-agents-" + OnboardingRuns.sha256(FILE).substring(0, 16)),
                client.started, "the same upload delivered twice runs once");
        OnboardingMessages.RunInput input = (OnboardingMessages.RunInput) client.lastInput;
        assertEquals(400, input.maxCallsPerMinute);
        assertEquals(8_000, input.maxCallsPerHour, "the same share of Calabrio's 10,000 an hour as of its 500 a minute");
        assertEquals(30 * 60, input.retrySeconds);
        assertEquals(24 * 3600, input.waitSeconds);

        triggers.upload(client, "incoming/agents.csv", "other content".getBytes(StandardCharsets.UTF_8), LOG);
        assertEquals(2, client.started.size(), "a new content under the same name is a new upload");
    }

    @Test
    void reprocessingAnswers202WithTheCheckStatusPayloadForAWorkbookAsForACsv() {
        OnboardingTriggers triggers = triggers();
        HttpResponseMessage response = post(triggers, "incoming/agents.csv");
        assertEquals(202, response.getStatusCode());
        new DirectoryFolder(directory).write("incoming/team.xlsx", Workbooks.xlsx(List.of(List.of("agentId"))));
        assertEquals(202, post(triggers, "incoming/team.xlsx").getStatusCode());
        assertEquals(List.of("OnboardingRun onboarding-agents-rerun-20261203T101530Z",
                "OnboardingRun onboarding-team-rerun-20261203T101530Z"), client.started);
        assertEquals("incoming/team.xlsx", ((OnboardingMessages.RunInput) client.lastInput).upload);
    }

    @Test
    void aMissingOrWrongBlobIsA400AndAnUnknownUploadA404NamingTheParameter() throws Exception {
        OnboardingTriggers triggers = triggers();
        HttpResponseMessage missing = post(triggers, null);
        assertEquals(400, missing.getStatusCode());
        assertEquals("blob", json(missing).path("parameter").asText());
        assertEquals("the query parameter blob is required (incoming/<name>)", json(missing).path("error").asText());

        for (String wrong : List.of("reports/agents.report.csv", "incoming/", "incoming/../secrets.csv")) {
            HttpResponseMessage response = post(triggers, wrong);
            assertEquals(400, response.getStatusCode(), wrong);
            assertEquals("blob", json(response).path("parameter").asText());
        }
        HttpResponseMessage unknown = post(triggers, "incoming/nobody.csv");
        assertEquals(404, unknown.getStatusCode());
        assertEquals("application/json", unknown.getHeader("Content-Type"));
        assertTrue(json(unknown).path("error").asText().startsWith("there is no upload "));
        assertTrue(client.started.isEmpty());
    }

    @Test
    void aRunOfTheUploadStillRunningIsA409() throws Exception {
        OnboardingTriggers triggers = triggers();
        triggers.upload(client, "incoming/agents.csv", FILE, LOG);
        String running = client.started.get(0).substring("OnboardingRun ".length());
        client.running.add(running);
        new DirectoryFolder(directory).write("runs/agents.current", running.getBytes(StandardCharsets.UTF_8));
        HttpResponseMessage conflict = post(triggers, "incoming/agents.csv");
        assertEquals(409, conflict.getStatusCode());
        assertEquals(running + " is running now; wait for it to finish", json(conflict).path("error").asText());
        assertEquals(1, client.started.size());
    }
}
