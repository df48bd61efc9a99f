package com.wixanswers.wfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployable app `mvn package` writes: one function.json per function, with the bindings the host needs. */
class FunctionBindingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path APP = Path.of(System.getProperty("functionAppDirectory",
            "target/azure-functions/wix-answers-calabrio"));

    private static JsonNode function(String name) throws IOException {
        return JSON.readTree(APP.resolve(name).resolve("function.json").toFile());
    }

    private static JsonNode binding(String function, String type) throws IOException {
        for (JsonNode binding : function(function).path("bindings")) {
            if (binding.path("type").asText().equals(type)) {
                return binding;
            }
        }
        throw new AssertionError(function + " has no " + type + " binding");
    }

    @Test
    void theAppHoldsExactlyTheDeclaredFunctionsAndItsHostJson() throws IOException {
        Set<String> functions = new TreeSet<>();
        try (Stream<Path> entries = Files.list(APP)) {
            entries.filter(p -> Files.exists(p.resolve("function.json")))
                    .forEach(p -> functions.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(List.of("HistoricalTimer", "HistoricalRerun", "HistoricalRun", "HistoricalDay",
                "HistoricalChunk", "PlanHistoricalDay", "SendQueueStats", "SendAgentStats", "RealtimeTick",
                "OnboardingUpload", "OnboardingRerun", "OnboardingRun", "OnboardingChunk", "ReadAgentsFile",
                "ResolveOnboardingSkills", "FindOnboardingPeople", "AddSkillsToPerson", "SaveOnboardingChunk",
                "WriteOnboardingReport", "ForecastTimer", "ForecastRerun", "ForecastRun", "PlanForecastRun",
                "SendSkillForecast", "WriteForecastFile", "IntradayTimer", "Doctor")), functions);
        JsonNode host = JSON.readTree(APP.resolve("host.json").toFile());
        assertEquals("WixAnswersCalabrio", host.path("extensions").path("durableTask").path("hubName").asText());
        assertEquals("[4.*, 5.0.0)", host.path("extensionBundle").path("version").asText());
        try (Stream<Path> jars = Files.list(APP.resolve("lib"))) {
            List<String> names = new ArrayList<>();
            jars.forEach(p -> names.add(p.getFileName().toString()));
            assertTrue(names.stream().anyMatch(n -> n.startsWith("protobuf-java-")), "durabletask needs protobuf");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("mssql-jdbc-")));
            // What runs in Azure only: no local database, no worker-provided SPI, no test tools.
            assertTrue(names.stream().noneMatch(n -> n.startsWith("h2-") || n.startsWith("azure-functions-java-spi")
                    || n.startsWith("wiremock") || n.startsWith("junit")), names.toString());
        }
    }

    @Test
    void theAppJarHoldsTheInjectorsAndTheMiddlewaresServiceFilesAndNoBenchmarkDemoOrStandIn() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(APP)) {
            jar = files.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            java.util.zip.ZipEntry service = zip.getEntry(
                    "META-INF/services/com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector");
            assertTrue(service != null, "the worker finds the injector through this file");
            assertEquals("com.wixanswers.wfm.FunctionClassInjector",
                    new String(zip.getInputStream(service).readAllBytes()).strip());
            java.util.zip.ZipEntry middleware = zip.getEntry(
                    "META-INF/services/com.microsoft.azure.functions.internal.spi.middleware.Middleware");
            assertTrue(middleware != null, "the worker finds the logging middleware through this file");
            assertEquals("com.wixanswers.wfm.workflow.InvocationLogging",
                    new String(zip.getInputStream(middleware).readAllBytes()).strip());
            List<String> testCode = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && (name.contains("/bench/") || name.contains("/testing/")
                            || name.contains("/demo/") || name.contains("/cli/DemoCommand")))
                    .toList();
            assertEquals(List.of(), testCode, "benchmarks, the demo and their stand-ins never ship");
            assertTrue(zip.getEntry("com/wixanswers/wfm/cli/CalabrioSync.class") != null,
                    "the operator CLI ships with the app it operates");
        }
    }

    @Test
    void theTimerRunsOnTheScheduleSetting() throws IOException {
        JsonNode timer = binding("HistoricalTimer", "timerTrigger");
        assertEquals("%HISTORICAL_SCHEDULE%", timer.path("schedule").asText());
        binding("HistoricalTimer", "durableClient");
        assertTrue(function("HistoricalTimer").path("entryPoint").asText().endsWith("HistoricalTriggers.timer"));
        assertEquals("%INTRADAY_SCHEDULE%", binding("IntradayTimer", "timerTrigger").path("schedule").asText());
        binding("IntradayTimer", "durableClient");
    }

    @Test
    void realTimeTicksEveryMinute() throws IOException {
        assertEquals("0 * * * * *", binding("RealtimeTick", "timerTrigger").path("schedule").asText());
    }

    @Test
    void theRerunIsAPostWithAFunctionKeyOnItsRoute() throws IOException {
        JsonNode http = binding("HistoricalRerun", "httpTrigger");
        assertEquals("historical/runs", http.path("route").asText());
        assertEquals("FUNCTION", http.path("authLevel").asText());
        assertEquals("[\"POST\"]", http.path("methods").toString());
        binding("HistoricalRerun", "durableClient");
        assertEquals("out", binding("HistoricalRerun", "http").path("direction").asText());
    }

    @Test
    void orchestratorsAndActivitiesHaveDurableTriggers() throws IOException {
        for (String orchestrator : List.of("HistoricalRun", "HistoricalDay", "HistoricalChunk")) {
            assertEquals("context", binding(orchestrator, "orchestrationTrigger").path("name").asText());
        }
        for (String activity : List.of("PlanHistoricalDay", "SendQueueStats", "SendAgentStats")) {
            assertEquals("input", binding(activity, "activityTrigger").path("name").asText());
        }
    }

    @Test
    void theOnboardingUploadIsABlobTriggerFedByEventGridOnTheAppsStorage() throws IOException {
        JsonNode blob = binding("OnboardingUpload", "blobTrigger");
        assertEquals("onboarding/incoming/{name}", blob.path("path").asText());
        assertEquals("EventGrid", blob.path("source").asText(), "the only kind Flex Consumption runs");
        assertEquals("AzureWebJobsStorage", blob.path("connection").asText());
        binding("OnboardingUpload", "durableClient");
        JsonNode rerun = binding("OnboardingRerun", "httpTrigger");
        assertEquals("onboarding/runs", rerun.path("route").asText());
        assertEquals("FUNCTION", rerun.path("authLevel").asText());
    }

    @Test
    void forecastsRunDailyOnTheirScheduleSettingAndOnAPost() throws IOException {
        assertEquals("%FORECAST_SCHEDULE%", binding("ForecastTimer", "timerTrigger").path("schedule").asText());
        JsonNode rerun = binding("ForecastRerun", "httpTrigger");
        assertEquals("forecasts/runs", rerun.path("route").asText());
        assertEquals("FUNCTION", rerun.path("authLevel").asText());
        assertEquals("context", binding("ForecastRun", "orchestrationTrigger").path("name").asText());
    }

    @Test
    void theDoctorAnswersAGetWithAFunctionKey() throws IOException {
        JsonNode doctor = binding("Doctor", "httpTrigger");
        assertEquals("doctor", doctor.path("route").asText());
        assertEquals("FUNCTION", doctor.path("authLevel").asText());
        assertEquals("[\"GET\"]", doctor.path("methods").toString());
    }
}
