package com.wixanswers.wfm.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.config.SecretName;
import com.wixanswers.wfm.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Setting} is the one inventory of what the code reads: the Bicep app settings, local.settings.json.example
 * and the README's table name exactly its settings, with its defaults, and nothing reads a setting around it.
 */
class SettingsParityTest {
    private static final BicepFile MAIN = new BicepFile(Path.of("infra/main.bicep"));
    private static final String APP_SETTINGS = "var appSettings = union({";
    private static final Pattern CHANNEL_SETTING = Pattern.compile(Setting.SERVICE_LEVEL_CHANNEL_PREFIX + "[A-Z]+");

    /** Read by the Functions host and the Azure SDK, not by this code; each with why it is set. */
    private static final Map<String, String> PLATFORM_SETTINGS = Map.of(
            "AzureWebJobsStorage__queueServiceUri", "Durable Functions queues",
            "AzureWebJobsStorage__tableServiceUri", "Durable Functions tables",
            "AzureWebJobsStorage__credential", "managed identity instead of a key",
            "AzureWebJobsStorage__clientId", "which user-assigned identity",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "telemetry destination",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Entra-authenticated ingestion",
            "AZURE_CLIENT_ID", "the identity azure-identity's default credential uses",
            "FUNCTIONS_WORKER_RUNTIME", "local host only; Flex Consumption refuses it",
            "AzureWebJobs.RealtimeTick.Disabled", "the host's own switch of a function, set from realtimeEnabled");

    /** Settings the code reads that Azure deliberately does not set, and why. */
    private static final Map<Setting, String> NOT_IN_AZURE = Map.of(
            Setting.AZURE_WEBJOBS_STORAGE, "in Azure the app reaches storage by identity"
                    + " (AzureWebJobsStorage__blobServiceUri); a connection string there would need a shared key");

    private static Set<String> inventory() {
        Set<String> names = new TreeSet<>();
        for (Setting setting : Setting.values()) {
            names.add(setting.key());
        }
        return names;
    }

    private static Set<String> withoutPlatformAndChannels(Iterable<String> names) {
        Set<String> settings = new TreeSet<>();
        for (String name : names) {
            if (!PLATFORM_SETTINGS.containsKey(name) && !CHANNEL_SETTING.matcher(name).matches()) {
                settings.add(name);
            }
        }
        return settings;
    }

    @Test
    void theBicepAppSettingsHoldEverySettingAndNoOther() {
        Set<String> expected = inventory();
        NOT_IN_AZURE.keySet().forEach(setting -> expected.remove(setting.key()));
        assertEquals(expected, withoutPlatformAndChannels(MAIN.keysAfter(APP_SETTINGS)));
        // Per-channel thresholds come from one object parameter, under the code's own prefix.
        assertTrue(MAIN.text.contains("'" + Setting.SERVICE_LEVEL_CHANNEL_PREFIX + "${toUpper(channel.key)}'"));
    }

    @Test
    void theBicepDefaultsAreTheCodesDefaults() {
        Map<String, BicepFile.Param> params = MAIN.params();
        Pattern parameter = Pattern.compile("^(?:string\\()?(\\w+)\\)?$");
        int compared = 0;
        for (Setting setting : Setting.values()) {
            if (NOT_IN_AZURE.containsKey(setting)) {
                continue;
            }
            Matcher value = parameter.matcher(MAIN.valueOf(APP_SETTINGS, setting.key()));
            if (!value.matches() || !params.containsKey(value.group(1))) {
                continue; // composed (SQL_CONNECTION_STRING), a Key Vault reference, or a literal
            }
            BicepFile.Param param = params.get(value.group(1));
            // An empty setting is an unset one, to the code as to the Bicep.
            String bicepDefault = param.defaultValue() == null || param.defaultValue().equals("''") ? null
                    : param.defaultValue().replace("'", "");
            assertEquals(setting.defaultValue(), bicepDefault, setting.key() + " (parameter " + param.name() + ")");
            compared++;
        }
        assertTrue(compared >= 10, "compared " + compared);
        assertEquals("''", MAIN.valueOf(APP_SETTINGS, Setting.KEY_VAULT_URI.key()),
                "in Azure, secrets come from Key Vault references, not KEY_VAULT_URI");
        for (SecretName secret : SecretName.values()) {
            assertTrue(MAIN.valueOf(APP_SETTINGS, secret.settingName()).startsWith("'@Microsoft.KeyVault("));
        }
    }

    @Test
    void theExampleSettingsFileHoldsEverySettingAndNoOther() throws IOException {
        JsonNode values = new ObjectMapper().readTree(Path.of("local.settings.json.example").toFile()).path("Values");
        Set<String> named = new TreeSet<>();
        values.fieldNames().forEachRemaining(named::add);
        assertEquals(inventory(), withoutPlatformAndChannels(named));
    }

    @Test
    void theReadmesTableHoldsEverySettingAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("| setting | default | meaning |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Set<String> named = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z_<>]+)` \\|").matcher(table);
        while (row.find()) {
            named.add(row.group(1));
        }
        named.remove(Setting.SERVICE_LEVEL_CHANNEL_PREFIX + "<CHANNEL>");
        assertEquals(inventory(), named);
    }

    @Test
    void nothingReadsASettingAroundTheInventory() throws IOException {
        Set<String> readers = new HashSet<>();
        Set<String> bindingSettings = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                if (code.contains("System.getenv(")) {
                    readers.add(source.getFileName().toString());
                }
                Matcher binding = Pattern.compile("\"%([A-Za-z0-9_]+)%\"").matcher(code);
                while (binding.find()) {
                    bindingSettings.add(binding.group(1));
                }
            }
        }
        assertTrue(Set.of("FunctionClassInjector.java", "CalabrioSync.java").containsAll(readers),
                "environment read outside the settings: " + readers);
        assertTrue(inventory().containsAll(bindingSettings), "binding expressions outside the inventory: "
                + bindingSettings);
    }
}
