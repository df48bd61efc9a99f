package com.wixanswers.wfm.config;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void everyDefaultIsTheContractsAndTheReadmes() {
        Settings settings = Settings.load(Map.of());
        assertEquals(ZoneId.of("UTC"), settings.statistics().zone());
        assertEquals(60, settings.statistics().intervalMinutes());
        assertEquals(20, settings.statistics().serviceLevelSeconds());
        assertEquals(5, settings.statistics().shortAbandonSeconds());
        assertEquals("interactions", settings.sql().interactionsTable().value());
        assertEquals(Settings.LOCAL_DATABASE_URL, settings.sql().jdbcUrl());
        assertEquals(3, settings.historical().lookbackDays());
        assertEquals(500, settings.historical().batchSize());
        assertEquals("0 30 2 * * *", settings.historical().schedule());
        assertTrue(settings.calabrio().baseUrl().isEmpty());
        assertTrue(settings.keyVaultUri().isEmpty());
    }

    @Test
    void perChannelServiceLevelsOverrideTheDefault() {
        Settings settings = Settings.load(Map.of("SERVICE_LEVEL_SECONDS", "30", "SERVICE_LEVEL_SECONDS_TICKET", "86400",
                "SERVICE_LEVEL_SECONDS_chat", "60"));
        assertEquals(Map.of("TICKET", 86400, "CHAT", 60), settings.statistics().serviceLevelSecondsByChannel());
        assertEquals(30, settings.statistics().serviceLevelSeconds());
    }

    @Test
    void everyWrongSettingIsNamedInOneError() {
        Map<String, String> environment = new HashMap<>();
        environment.put("STATS_TIME_ZONE", "Mars/Olympus");
        environment.put("STATS_INTERVAL_MINUTES", "20");
        environment.put("SERVICE_LEVEL_SECONDS", "soon");
        environment.put("SERVICE_LEVEL_SECONDS_TICKET", "-1");
        environment.put("HISTORICAL_LOOKBACK_DAYS", "0");
        environment.put("HISTORICAL_BATCH_SIZE", "100000");
        environment.put("HISTORICAL_SCHEDULE", "0 15 3 * *");
        environment.put("INTERACTIONS_TABLE", "interactions; DROP TABLE x");
        environment.put("CALABRIO_BASE_URL", "http://mtdemousce01.teleopticloud.com");
        environment.put("SQL_CONNECTION_STRING", "Server=tcp:x.database.windows.net;Database=db;Password=Pa55w0rd!");
        environment.put("CALABRIO_BUSINESS_UNIT_ID", "not-a-guid");
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.load(environment));
        assertEquals(11, e.problems().size(), e.getMessage());
        String message = e.getMessage();
        for (String setting : new String[]{"STATS_TIME_ZONE is not an IANA time zone id",
            "STATS_INTERVAL_MINUTES is not allowed: use 15, 30 or 60", "SERVICE_LEVEL_SECONDS is not a whole number",
            "SERVICE_LEVEL_SECONDS_TICKET is out of range: it must be 0 or more",
            "HISTORICAL_LOOKBACK_DAYS is out of range: it must be 1 to 31",
            "HISTORICAL_BATCH_SIZE is out of range: it must be 1 to 10000", "HISTORICAL_SCHEDULE must be a six-field",
            "INTERACTIONS_TABLE is not a table name", "CALABRIO_BASE_URL uses plain http:// to mtdemousce01",
            "SQL_CONNECTION_STRING is not a JDBC URL", "CALABRIO_BUSINESS_UNIT_ID is not a GUID"}) {
            assertTrue(message.contains(setting), "missing '" + setting + "' in:\n" + message);
        }
        for (String value : environment.values()) {
            if (value.length() > 3) {
                assertFalse(message.contains(value), "an error names the setting, never shows its value: " + value);
            }
        }
    }

    @Test
    void realTimeSettingsHaveTheirDefaultsAndTheStateMapIsChecked() {
        Settings.RealtimeSettings realtime = Settings.load(Map.of()).realtime();
        assertEquals(50, realtime.batchSize());
        assertEquals(15, realtime.snapshotMinutes());
        assertEquals(0.5, realtime.snapshotMinRatio());
        assertEquals(60, realtime.parkMinutes());
        assertTrue(realtime.stateMap().isEmpty());
        assertEquals(Map.of("BUSY:LUNCH", "Lunch"), Settings.load(Map.of("RTA_STATE_MAP", "{\"busy:Lunch\": \"Lunch\"}"))
                .realtime().stateMap());

        SettingsException e = assertThrows(SettingsException.class, () -> Settings.load(Map.of(
                "RTA_STATE_MAP", "{\"BUSY:Lunch\": \"A state code far longer than twenty-five\", \"ONLINE\": 3}",
                "RTA_SNAPSHOT_MIN_RATIO", "1.5", "CALABRIO_RTA_URL", "http://rta.example.com")));
        assertTrue(e.getMessage().contains("RTA_STATE_MAP: the state code of 'BUSY:Lunch' must be 1 to 25 characters"),
                e.getMessage());
        assertTrue(e.getMessage().contains("RTA_STATE_MAP: the state code of 'ONLINE'"), e.getMessage());
        assertTrue(e.getMessage().contains("RTA_SNAPSHOT_MIN_RATIO is out of range"), e.getMessage());
        assertTrue(e.getMessage().contains("CALABRIO_RTA_URL uses plain http://"), e.getMessage());
        assertTrue(assertThrows(SettingsException.class, () -> Settings.load(Map.of("RTA_STATE_MAP", "[1]")))
                .getMessage().contains("RTA_STATE_MAP must be a JSON object"));
        assertTrue(assertThrows(SettingsException.class, () -> Settings.load(Map.of("RTA_STATE_MAP", "{oops")))
                .getMessage().contains("RTA_STATE_MAP is not valid JSON"));
    }

    @Test
    void schemaQualifiedTablesAreAllowed() {
        assertEquals("reporting.v_interactions",
                Settings.load(Map.of("INTERACTIONS_TABLE", "reporting.v_interactions")).sql().interactionsTable().value());
        assertThrows(SettingsException.class, () -> Settings.load(Map.of("INTERACTIONS_TABLE", "a.b.c")));
        assertThrows(SettingsException.class, () -> Settings.load(Map.of("INTERACTIONS_TABLE", "[interactions]")));
    }

    @Test
    void inAzureTheDatabaseMustBeNamed() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Settings.load(Map.of("WEBSITE_SITE_NAME", "wix-answers-calabrio")));
        assertTrue(e.getMessage().contains("SQL_CONNECTION_STRING is not set: in Azure"), e.getMessage());
    }

    @Test
    void theCalabrioUrlIsRequiredOnlyWhereSomethingIsSent() {
        Settings settings = Settings.load(Map.of());
        SettingsException e = assertThrows(SettingsException.class, () -> settings.calabrio().requireBaseUrl());
        assertTrue(e.getMessage().contains("CALABRIO_BASE_URL is not set"), e.getMessage());
    }

    @Test
    void theConnectionStringNeverPrints() {
        Settings settings = Settings.load(Map.of("SQL_CONNECTION_STRING",
                "jdbc:sqlserver://x:1433;database=db;user=u;password=Sup3rS3cret!"));
        assertFalse(settings.toString().contains("Sup3rS3cret!"), settings.toString());
    }

    @Test
    void aSqlServerUrlSendsTextAsVarcharSoKeysAreSoughtInTheirIndexes() {
        assertEquals("jdbc:sqlserver://x:1433;database=db;authentication=ActiveDirectoryManagedIdentity;"
                + "sendStringParametersAsUnicode=false", Settings.load(Map.of("SQL_CONNECTION_STRING",
                "jdbc:sqlserver://x:1433;database=db;authentication=ActiveDirectoryManagedIdentity")).sql().jdbcUrl());
        String explicit = "jdbc:sqlserver://x:1433;database=db;sendStringParametersAsUnicode=false";
        assertEquals(explicit, Settings.load(Map.of("SQL_CONNECTION_STRING", explicit)).sql().jdbcUrl());
        assertEquals("jdbc:h2:mem:x", Settings.load(Map.of("SQL_CONNECTION_STRING", "jdbc:h2:mem:x")).sql()
                .jdbcUrl(), "only mssql-jdbc has the option");

        SettingsException e = assertThrows(SettingsException.class, () -> Settings.load(Map.of(
                "SQL_CONNECTION_STRING", "jdbc:sqlserver://x:1433;password=Sup3rS3cret!;SendStringParametersAsUnicode=TRUE")));
        assertTrue(e.getMessage().contains("SQL_CONNECTION_STRING sets sendStringParametersAsUnicode=true"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Sup3rS3cret!"), e.getMessage());
    }
}
