package com.wixanswers.wfm.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Setting} is the one inventory of settings: the README's table and local.settings.json.example name
 * exactly its settings, and nothing but {@link Settings} reads the environment.
 */
class SettingsInventoryTest {
    /** Read by the Functions host, not by this code. */
    private static final Set<String> HOST_SETTINGS = Set.of("AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME");
    private static final Pattern CHANNEL_SETTING = Pattern.compile(Setting.SERVICE_LEVEL_CHANNEL_PREFIX + "[A-Z]+");

    private static Set<String> inventory() {
        Set<String> names = new TreeSet<>();
        for (Setting setting : Setting.values()) {
            names.add(setting.name());
        }
        return names;
    }

    @Test
    void theExampleSettingsFileHoldsEverySettingAndNoOther() throws IOException {
        JsonNode values = new ObjectMapper().readTree(Path.of("local.settings.json.example").toFile()).path("Values");
        Set<String> named = new TreeSet<>();
        values.fieldNames().forEachRemaining(named::add);
        named.removeAll(HOST_SETTINGS);
        named.removeIf(name -> CHANNEL_SETTING.matcher(name).matches());
        assertEquals(inventory(), named);
    }

    @Test
    void theReadmesTableHoldsEverySettingAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("| setting | default | meaning |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Set<String> named = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_<>]+)` \\|").matcher(table);
        while (row.find()) {
            named.add(row.group(1));
        }
        named.remove(Setting.SERVICE_LEVEL_CHANNEL_PREFIX + "<CHANNEL>");
        assertEquals(inventory(), named);
    }

    @Test
    void onlyTheSettingsClassReadsTheEnvironment() throws IOException {
        Set<String> readers = new HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(source).contains("System.getenv(")) {
                    readers.add(source.getFileName().toString());
                }
            }
        }
        assertTrue(Set.of("Settings.java", "Integration.java", "CalabrioSync.java").containsAll(readers),
                "environment read outside the settings: " + readers);
    }
}
