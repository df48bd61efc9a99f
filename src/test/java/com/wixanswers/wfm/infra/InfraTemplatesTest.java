package com.wixanswers.wfm.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.config.SecretName;
import com.wixanswers.wfm.historical.HistoricalWorkflow;
import com.wixanswers.wfm.historical.IntradayRuns;
import com.wixanswers.wfm.realtime.TickReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Static checks of infra/ that run without the Bicep CLI (it cannot be installed on these machines). */
class InfraTemplatesTest {
    private static final Path INFRA = Path.of("infra");
    private static final BicepFile MAIN = new BicepFile(INFRA.resolve("main.bicep"));

    /** The documented built-in role ids (learn.microsoft.com, "Azure built-in roles"). */
    private static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "storageBlobDataOwner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            "storageQueueDataContributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            "storageTableDataContributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            "keyVaultSecretsUser", "4633458b-17de-408a-b874-0445c86b69e6",
            "monitoringMetricsPublisher", "3913510d-42f4-4e42-8a64-420c390055eb");

    private static List<BicepFile> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(INFRA)) {
            return files.filter(p -> p.toString().endsWith(".bicep")).sorted().map(BicepFile::new).toList();
        }
    }

    @Test
    void everyModulePathExists() {
        assertFalse(MAIN.modules().isEmpty());
        for (BicepFile.Module module : MAIN.modules()) {
            assertTrue(Files.isRegularFile(INFRA.resolve(module.path())), module.symbol() + ": " + module.path());
        }
    }

    @Test
    void everyModuleCallPassesOnlyDeclaredParametersAndEveryRequiredOne() {
        for (BicepFile.Module module : MAIN.modules()) {
            Map<String, BicepFile.Param> declared = new BicepFile(INFRA.resolve(module.path())).params();
            for (String passed : module.passed()) {
                assertTrue(declared.containsKey(passed), module.symbol() + " passes '" + passed + "', which "
                        + module.path() + " does not declare");
            }
            for (BicepFile.Param param : declared.values()) {
                if (param.required()) {
                    assertTrue(module.passed().contains(param.name()), module.symbol() + " does not pass required '"
                            + param.name() + "'");
                }
            }
        }
    }

    @Test
    void everyModulesOutputThatMainUsesIsDeclared() {
        Matcher use = Pattern.compile("(\\w+)\\.outputs\\.(\\w+)").matcher(MAIN.text);
        Map<String, String> paths = new java.util.HashMap<>();
        MAIN.modules().forEach(m -> paths.put(m.symbol(), m.path()));
        while (use.find()) {
            String module = paths.get(use.group(1));
            assertTrue(module != null, "no module " + use.group(1));
            String text = new BicepFile(INFRA.resolve(module)).text;
            assertTrue(Pattern.compile("(?m)^output " + use.group(2) + " ").matcher(text).find(),
                    module + " has no output " + use.group(2));
        }
    }

    @Test
    void everyRoleIsItsDocumentedBuiltInRoleAndEachIsAssigned() {
        BicepFile roles = new BicepFile(INFRA.resolve("modules/roles.bicep"));
        List<String> names = roles.keysAfter("var roles = {");
        assertEquals(new TreeSet<>(BUILT_IN_ROLES.keySet()), new TreeSet<>(names));
        for (Map.Entry<String, String> role : BUILT_IN_ROLES.entrySet()) {
            assertEquals("'" + role.getValue() + "'", roles.valueOf("var roles = {", role.getKey()), role.getKey());
            assertTrue(roles.text.contains("roleDefinitions', roles." + role.getKey() + ")"),
                    role.getKey() + " is never assigned");
        }
        // No other role id anywhere: least privilege, nothing like Owner or Contributor.
        Matcher guid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .matcher(String.join("\n", allFilesText()));
        while (guid.find()) {
            assertTrue(BUILT_IN_ROLES.containsValue(guid.group()), "unexpected id " + guid.group());
        }
    }

    private static List<String> allFilesText() {
        try {
            return allFiles().stream().map(f -> f.text).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noSecretHasADefaultValueAndTheExampleHoldsNone() throws IOException {
        List<String> secureParams = new ArrayList<>();
        for (BicepFile file : allFiles()) {
            for (BicepFile.Param param : file.params().values()) {
                if (param.secure()) {
                    secureParams.add(param.name());
                    assertTrue(param.defaultValue() == null || param.defaultValue().equals("''"),
                            file.path + ": secure " + param.name() + " has a default value");
                }
            }
        }
        assertTrue(secureParams.containsAll(List.of("calabrioApiToken", "calabrioHistoricalTenantKey",
                "calabrioRtaAuthKey", "answersApiToken")), secureParams.toString());
        JsonNode parameters = parametersFile();
        for (String secret : secureParams) {
            assertFalse(parameters.has(secret), "main.parameters.json sets the secret " + secret);
        }
        for (BicepFile file : allFiles()) {
            assertFalse(Pattern.compile("(?m)^output \\w+ string = .*(Token|Key)\\b").matcher(file.text).find(),
                    file.path + " outputs a secret");
        }
    }

    @Test
    void theParametersFileIsACompleteValidExample() throws IOException {
        Map<String, BicepFile.Param> declared = MAIN.params();
        JsonNode parameters = parametersFile();
        parameters.fieldNames().forEachRemaining(name ->
                assertTrue(declared.containsKey(name), "main.parameters.json sets undeclared " + name));
        for (BicepFile.Param param : declared.values()) {
            if (param.required()) {
                assertTrue(parameters.has(param.name()), "main.parameters.json lacks required " + param.name());
            }
            if (!param.allowed().isEmpty() && parameters.has(param.name())) {
                assertTrue(param.allowed().contains(parameters.path(param.name()).path("value").asText()),
                        param.name() + " is not one of " + param.allowed());
            }
            if (!param.secure() && !param.name().equals("location")) {
                assertTrue(parameters.has(param.name()), "the example leaves out " + param.name());
            }
        }
    }

    @Test
    void theTaskHubIsHostJsons() throws IOException {
        String hub = new ObjectMapper().readTree(Path.of("host.json").toFile())
                .path("extensions").path("durableTask").path("hubName").asText();
        assertEquals("'" + hub + "'", MAIN.params().get("taskHubName").defaultValue());
        assertEquals(hub, parametersFile().path("taskHubName").path("value").asText());
    }

    @Test
    void everySecretTheCodeReadsIsInTheVaultAndReferencedFromItsSetting() {
        BicepFile vault = new BicepFile(INFRA.resolve("modules/keyvault.bicep"));
        Set<String> stored = new TreeSet<>();
        Matcher name = Pattern.compile("(?m)^\\s*name: '([a-z-]+)'$").matcher(vault.text);
        while (name.find()) {
            stored.add(name.group(1));
        }
        for (SecretName secret : SecretName.values()) {
            assertTrue(stored.contains(secret.keyVaultName()), secret.keyVaultName() + " is not in the vault");
            assertEquals("'@Microsoft.KeyVault(VaultName=${vaultName};SecretName=" + secret.keyVaultName() + ")'",
                    MAIN.valueOf("var appSettings = union({", secret.settingName()));
        }
        assertTrue(vault.text.contains("enableRbacAuthorization: true"));
        assertTrue(vault.text.contains("enablePurgeProtection: true"));
        assertTrue(vault.text.contains("enableSoftDelete: true"));
    }

    @Test
    void storageRefusesSharedKeysAndTheAppUsesItsIdentity() {
        BicepFile storage = new BicepFile(INFRA.resolve("modules/storage.bicep"));
        assertTrue(storage.text.contains("allowSharedKeyAccess: false"));
        for (String container : List.of("'onboarding'", "'forecasts'", "deploymentContainerName")) {
            assertTrue(storage.text.contains("  " + container + "\n"), container);
        }
        assertEquals("'managedidentity'", MAIN.valueOf("var appSettings = union({", "AzureWebJobsStorage__credential"));
        BicepFile app = new BicepFile(INFRA.resolve("modules/functionapp.bicep"));
        assertTrue(app.text.contains("name: 'FC1'") && app.text.contains("tier: 'FlexConsumption'"));
        assertTrue(app.text.contains("name: 'java'") && app.text.contains("version: '17'"));
        assertTrue(app.text.contains("keyVaultReferenceIdentity: identityId"));
        assertFalse(MAIN.text.contains("FUNCTIONS_WORKER_RUNTIME") || MAIN.text.contains("WEBSITE_RUN_FROM_PACKAGE"),
                "Flex Consumption refuses these settings");
        BicepFile monitoring = new BicepFile(INFRA.resolve("modules/monitoring.bicep"));
        assertTrue(monitoring.text.contains("DisableLocalAuth: true"));
    }

    @Test
    void thereIsAnAlertForEachFailureAnOperatorMustHear() {
        BicepFile alerts = new BicepFile(INFRA.resolve("modules/alerts.bicep"));
        for (String alert : List.of("failed-orchestration", "failed-executions", "no-historical-run",
                "realtime-ticks-failing", "realtime-ticks-absent", "no-intraday-run", "realtime-snapshot-withheld")) {
            assertTrue(alerts.text.contains("name: '" + alert + "'"), alert);
        }
        assertTrue(alerts.text.contains("ago(26h)"));
        assertTrue(alerts.text.contains("param historicalRunOrchestrator string = '" + HistoricalWorkflow.RUN + "'"),
                "the orchestrator name the alerts watch is the code's");
        assertTrue(HistoricalWorkflow.runInstanceId(java.time.LocalDate.MIN, java.time.LocalDate.MAX)
                .startsWith("historical-run-") && alerts.text.contains("startswith \"historical-run-\""));
        assertTrue(IntradayRuns.slot(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC, 5).instanceId()
                .startsWith("intraday-") && alerts.text.contains("startswith \"intraday-\""));
        assertTrue(alerts.text.contains("var absences = concat(realtimeEnabled ? [")
                && alerts.text.contains("] : [], intradayEnabled ? ["), "an absence alerts only while enabled");
        assertTrue(MAIN.text.contains("realtimeEnabled: realtimeEnabled") && MAIN.text.contains(
                "intradayEnabled: intradayEnabled"));
    }

    @Test
    void durableFunctionsOnFlexGetWhatLearnAsksAndTheDatabaseABoundASmallTierSurvives() throws IOException {
        BicepFile app = new BicepFile(INFRA.resolve("modules/functionapp.bicep"));
        assertTrue(app.text.replaceAll("\\s+", " ").contains("alwaysReady: [ { name: 'durable' instanceCount: 1 } ]"),
                "one always-ready instance of the durable group");
        JsonNode durable = new ObjectMapper().readTree(Path.of("host.json").toFile()).path("extensions")
                .path("durableTask");
        java.time.Duration polling = java.time.Duration.parse("PT" + durable.path("storageProvider")
                .path("maxQueuePollingInterval").asText().replaceFirst("^(\\d+):(\\d+):(\\d+)$", "$1H$2M$3S"));
        assertTrue(polling.compareTo(java.time.Duration.ofSeconds(10)) <= 0, "polling " + polling);
        int instances = Integer.parseInt(MAIN.params().get("maximumInstanceCount").defaultValue());
        int activities = durable.path("maxConcurrentActivityFunctions").asInt();
        assertEquals(Integer.parseInt(app.params().get("maximumInstanceCount").defaultValue()), instances);
        assertTrue(instances * activities <= 60, instances + " x " + activities + ": within an S0 database's 60"
                + " workers");
        assertTrue(Files.readString(Path.of("README.md")).contains(instances + " instances × " + activities
                + " activities = " + instances * activities), "the README's arithmetic is the files'");
    }

    @Test
    void theVaultsAuditEventsAndTheAppsLogsGoToLogAnalytics() {
        String vault = new BicepFile(INFRA.resolve("modules/keyvault.bicep")).text;
        String app = new BicepFile(INFRA.resolve("modules/functionapp.bicep")).text;
        String main = new BicepFile(INFRA.resolve("main.bicep")).text;
        for (String module : List.of(vault, app)) {
            assertTrue(module.contains("'Microsoft.Insights/diagnosticSettings@"), module);
            assertTrue(module.contains("workspaceId: logAnalyticsWorkspaceId"), module);
        }
        assertTrue(vault.contains("categoryGroup: 'audit'"), "Key Vault's audit events");
        assertTrue(app.contains("category: 'FunctionAppLogs'"), "the app's logs");
        assertEquals(2, main.split("logAnalyticsWorkspaceId: monitoring.outputs.workspaceId", -1).length - 1,
                "both modules get the workspace");
    }

    @Test
    void everyTableAnAlertReadsIsExemptFromSampling() throws IOException {
        // Application Insights' tables and the telemetry types host.json's sampling names them by.
        Map<String, String> types = Map.of("traces", "Trace", "requests", "Request", "exceptions", "Exception",
                "dependencies", "Dependency", "customEvents", "Event", "pageViews", "PageView");
        JsonNode sampling = new ObjectMapper().readTree(Path.of("host.json").toFile())
                .path("logging").path("applicationInsights").path("samplingSettings");
        List<String> excluded = List.of(sampling.path("excludedTypes").asText().split(";"));
        String alerts = new BicepFile(INFRA.resolve("modules/alerts.bicep")).text;
        Matcher query = Pattern.compile("query: '(?:\\$\\{(\\w+)\\}|(\\w+))").matcher(alerts);
        int alertsSeen = 0;
        while (query.find()) {
            alertsSeen++;
            String table = query.group(2);
            for (String name = query.group(1); table == null; ) {
                Matcher variable = Pattern.compile("var " + name + " = '(?:\\$\\{(\\w+)\\}|(\\w+))").matcher(alerts);
                assertTrue(variable.find(), name);
                table = variable.group(2);
                name = variable.group(1);
            }
            String type = types.get(table);
            assertTrue(type != null, "an alert reads an unknown table: " + table);
            assertTrue(!sampling.path("isEnabled").asBoolean() || excluded.contains(type),
                    "an alert reads " + table + ", which host.json samples: failures could be sampled away");
        }
        assertEquals(7, alertsSeen);
    }

    @Test
    void theWithheldSnapshotAlertReadsTheFieldTheTickLogs() throws IOException {
        String alerts = new BicepFile(INFRA.resolve("modules/alerts.bicep")).text;
        Matcher query = Pattern.compile("message startswith \"([^\"]+)\" \\| extend tick = parse_json\\(substring"
                + "\\(message, (\\d+)\\)\\) \\| where isnotempty\\(tostring\\(tick\\.(\\w+)\\)\\)").matcher(alerts);
        assertTrue(query.find(), "the alert parses the rta-tick line");
        TickReport withheld = new TickReport("2026-11-28T08:00:00Z", 3, 0, "changes", 3, 0, 1,
                "Wix Answers reported no logged-on agent", null, List.of(), 0, 0, List.of(), 0, 1, 1, 2, null, false,
                null);
        String line = withheld.toLogLine();
        assertTrue(line.startsWith(query.group(1)), line);
        JsonNode tick = new ObjectMapper().readTree(line.substring(Integer.parseInt(query.group(2))));
        assertEquals("Wix Answers reported no logged-on agent", tick.path(query.group(3)).asText());
    }

    private static JsonNode parametersFile() throws IOException {
        return new ObjectMapper().readTree(INFRA.resolve("main.parameters.json").toFile()).path("parameters");
    }
}
