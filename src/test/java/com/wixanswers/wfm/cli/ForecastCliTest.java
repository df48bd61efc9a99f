package com.wixanswers.wfm.cli;

import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.sql.TableName;
import com.wixanswers.wfm.testing.WfmStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** calabrio-sync forecast: any days, the file under DIR/forecasts/, a dry run's bodies under DIR/requests/. */
class ForecastCliTest {
    @TempDir
    Path directory;
    private final WfmStandIn calabrio = new WfmStandIn("Billing", "Sales");
    private final String url = "jdbc:h2:mem:forecast-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=MSSQLServer";
    private final Connection keepAlive;

    ForecastCliTest() throws Exception {
        keepAlive = DriverManager.getConnection(url);
        ForecastsSchema.create(keepAlive, new TableName("forecasts"));
    }

    @AfterEach
    void close() throws Exception {
        calabrio.close();
        keepAlive.createStatement().execute("SHUTDOWN");
    }

    private void row(String skill, String start, String tasks) throws Exception {
        try (PreparedStatement insert = keepAlive.prepareStatement(ForecastsSchema.insertSql(new TableName("forecasts")))) {
            ForecastsSchema.bind(insert, skill, Instant.parse(start), 60, new BigDecimal(tasks), BigDecimal.TEN,
                    BigDecimal.ONE, null, Instant.parse("2026-11-01T00:00:00Z"));
            insert.executeUpdate();
        }
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome cli(String... args) {
        Map<String, String> environment = new HashMap<>(calabrio.settings());
        environment.put("SQL_CONNECTION_STRING", url);
        environment.put("FORECAST_SCENARIO_ID", "3c6a2e2b-0000-4000-8000-00000000d3e0");
        return cli(environment, args);
    }

    private static Outcome cli(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = CalabrioSync.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8));
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void aPastRangeIsWrittenAndADryRunWritesTheBodiesInsteadOfSendingThem() throws Exception {
        row("Billing", "2026-11-02T09:00:00Z", "4");
        row("Sales", "2026-11-02T10:00:00Z", "2");
        Outcome run = cli("forecast", "--from", "2026-11-02", "--days", "1", "--out", directory.toString(),
                "--dry-run");
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("Billing          1     1  yes"), run.out());
        assertEquals("Billing,20261102 09:00,20261102 10:00,4,10,1\r\nSales,20261102 10:00,20261102 11:00,2,10,1\r\n",
                Files.readString(directory.resolve("forecasts/forecast-2026-11-02_2026-11-02.csv")));
        assertTrue(Files.readString(directory.resolve("requests/SetForecast-Billing.json")).contains(
                "\"SkillId\":\"skill-billing\""));
        calabrio.server.verify(0, postRequestedFor(urlEqualTo("/api/command/SetForecast")));
    }

    @Test
    void somethingLeftOutExits1AndAWrongArgumentExits2() throws Exception {
        row("Billing", "2026-11-02T09:00:00Z", "-4");
        row("Astrology", "2026-11-02T09:00:00Z", "4");
        Outcome leftOut = cli("forecast", "--from", "2026-11-02", "--days", "1", "--out", directory.toString());
        assertEquals(1, leftOut.exitCode(), leftOut.out());
        assertTrue(leftOut.out().contains("skill Calabrio does not have, left out: Astrology"), leftOut.out());
        assertTrue(leftOut.out().contains("invalid rows left out: Billing: 1 a negative value"), leftOut.out());
        assertEquals(2, cli("forecast", "--from", "02.11.2026").exitCode());
        assertEquals(2, cli("forecast", "--days", "0").exitCode());
    }

    @Test
    void aMissingWfmSettingExits2NamingItBeforeAnythingRuns() throws Exception {
        row("Billing", "2026-11-02T09:00:00Z", "4");
        Map<String, String> environment = new HashMap<>(calabrio.settings());
        environment.put("SQL_CONNECTION_STRING", url);
        environment.remove("CALABRIO_BUSINESS_UNIT_ID");
        Outcome outcome = cli(environment, "forecast", "--from", "2026-11-02", "--days", "1", "--out",
                directory.toString());
        assertEquals(2, outcome.exitCode(), outcome.out());
        assertTrue(outcome.err().contains("CALABRIO_BUSINESS_UNIT_ID is not set"), outcome.err());
        assertEquals(0, calabrio.calls());
        assertTrue(Files.notExists(directory.resolve("forecasts")), "nothing ran");
    }
}
