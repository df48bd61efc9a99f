package com.wixanswers.wfm.sql;

import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.Settings.StatisticsSettings;
import com.wixanswers.wfm.demo.ForecastsSchema;
import com.wixanswers.wfm.forecast.ForecastHorizon;
import com.wixanswers.wfm.forecast.ForecastQueries;
import com.wixanswers.wfm.historical.InteractionStatistics;
import com.wixanswers.wfm.historical.StatsDay;
import com.wixanswers.wfm.testing.RecordingConnection;
import com.wixanswers.wfm.testing.RecordingConnection.TextParameter;
import com.wixanswers.wfm.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every text parameter the exports bind is declared with its column's type, seen through a recording JDBC layer:
 * the interactions' keys and codes as VARCHAR (an NVARCHAR parameter against a VARCHAR column rules out SQL Server's
 * index seeks), the forecasts' skill names as NVARCHAR, which is their column's type.
 */
class TextParameterTypesTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 27);
    private final TestDatabase db = new TestDatabase();

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void theHistoricalQueriesBindTheirKeysAndCodesAsVarchar() throws SQLException {
        db.row().offered("2026-11-27T09:00:00Z").answered("a-1", 10, 100, 5).insert();
        db.row().offered("2026-11-27T09:00:00Z").direction("INTERNAL").insert();
        StatisticsSettings rules = Settings.load(Map.of("SERVICE_LEVEL_SECONDS_CHAT", "30")).statistics();
        InteractionStatistics statistics = new InteractionStatistics(TestDatabase.TABLE, rules);
        StatsDay day = StatsDay.of(DATE, ZoneId.of("UTC"), 60);
        RecordingConnection recording = new RecordingConnection(db.connection());

        List<String> queues = statistics.queuesOf(recording.connection(), day);
        List<String> agents = statistics.agentsOf(recording.connection(), day);
        statistics.invalidRowsOf(recording.connection(), day, 3);
        statistics.queueStats(recording.connection(), day, queues.get(0));
        statistics.agentWork(recording.connection(), day, agents.get(0));

        List<TextParameter> text = recording.textParameters();
        List<String> values = text.stream().map(TextParameter::value).toList();
        assertEquals(List.of("CHAT", "q-1", "a-1"), values, "the channel's threshold, the queue, the agent");
        for (TextParameter parameter : text) {
            assertEquals("VARCHAR", parameter.boundAs(), parameter::toString);
        }
    }

    @Test
    void theForecastQueriesBindSkillNamesAsNvarchar() throws Exception {
        ForecastsSchema.create(db.connection(), new TableName("forecasts"));
        try (PreparedStatement insert = db.connection().prepareStatement(ForecastsSchema.insertSql(
                new TableName("forecasts")))) {
            ForecastsSchema.bind(insert, "Facturación", Instant.parse("2026-12-03T09:00:00Z"), 60, BigDecimal.TEN,
                    new BigDecimal("120"), new BigDecimal("30"), BigDecimal.ONE, Instant.parse("2026-12-02T00:00:00Z"));
            insert.executeUpdate();
        }
        ForecastQueries queries = new ForecastQueries(new TableName("forecasts"));
        ForecastHorizon horizon = new ForecastHorizon(LocalDate.of(2026, 12, 3), 1, ZoneId.of("UTC"));
        RecordingConnection recording = new RecordingConnection(db.connection());

        List<String> names = queries.skillNames(recording.connection(), horizon);
        queries.rows(recording.connection(), horizon, names, row -> { }, row -> { });
        queries.rowsOf(recording.connection(), horizon, names.get(0));

        List<TextParameter> text = recording.textParameters();
        assertFalse(text.isEmpty());
        for (TextParameter parameter : text) {
            assertEquals("NVARCHAR", parameter.boundAs(), parameter::toString);
            assertEquals("Facturación", parameter.value());
        }
    }
}
