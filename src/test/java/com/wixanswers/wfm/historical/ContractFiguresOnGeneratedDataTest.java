package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.calabrio.AgentQueueStatsRow;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.Settings.StatisticsSettings;
import com.wixanswers.wfm.demo.InteractionGenerator;
import com.wixanswers.wfm.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL's figures equal the contract's, computed by {@link ContractOracle} row by row, on generated days the
 * tests were not written against: several time zones (DST days among them), every interval length.
 */
class ContractFiguresOnGeneratedDataTest {

    @ParameterizedTest(name = "{0} {1} {2}-minute intervals")
    @CsvSource({
        "UTC,                 2026-11-27, 60, 1",
        "Europe/Berlin,       2026-03-29, 60, 2",
        "Europe/Berlin,       2026-10-25, 15, 3",
        "America/New_York,    2026-11-01, 30, 4",
        "Asia/Kolkata,        2026-06-15, 15, 5",
        "Australia/Lord_Howe, 2026-10-04, 60, 6",
        "Pacific/Chatham,     2026-04-05, 30, 7",
    })
    void sqlFiguresEqualTheContractsOnGeneratedData(String zone, LocalDate date, int intervalMinutes, long seed)
            throws SQLException {
        StatisticsSettings rules = Settings.load(Map.of("STATS_TIME_ZONE", zone,
                "STATS_INTERVAL_MINUTES", "" + intervalMinutes, "SERVICE_LEVEL_SECONDS", "15",
                "SERVICE_LEVEL_SECONDS_TICKET", "7200", "SHORT_ABANDON_SECONDS", "4")).statistics();
        try (TestDatabase db = new TestDatabase()) {
            // The day before and after too: their rows must stay out, and tickets answered later must come in.
            InteractionGenerator.fill(db.connection(), TestDatabase.TABLE, new InteractionGenerator.Shape(
                    date.minusDays(1), 3, 1_500, 6, 25, ZoneId.of(zone), 12, seed));
            List<ContractOracle.Interaction> all = ContractOracle.readAll(db.connection());
            StatsDay day = StatsDay.of(date, rules.zone(), rules.intervalMinutes());
            InteractionStatistics statistics = new InteractionStatistics(TestDatabase.TABLE, rules);

            var expectedQueues = ContractOracle.queueRows(all, day, rules);
            assertTrue(expectedQueues.stream().anyMatch(r -> r.abandonedShort() > 0 && r.overflowOut() > 0),
                    "the generated day exercises abandons and overflows");
            assertEquals(expectedQueues, DayRows.queueRows(day, statistics.queueStats(db.connection(), day, null)));
            List<AgentWork> work = statistics.agentWork(db.connection(), day, null);
            assertEquals(ContractOracle.agentRows(all, day), DayRows.agentRows(work));
            assertEquals(ContractOracle.agentQueueRows(all, day), DayRows.agentQueueRows(work));
            assertEquals(ContractOracle.invalidCount(all, day), statistics.invalidRowsOf(db.connection(), day, 10)
                    .count());

            // One queue and one agent alone, as the activities ask, give the same rows as all at once.
            String queue = expectedQueues.get(0).queueId();
            assertEquals(expectedQueues.stream().filter(r -> r.queueId().equals(queue)).toList(),
                    DayRows.queueRows(day, statistics.queueStats(db.connection(), day, queue)));
            AgentQueueStatsRow first = ContractOracle.agentQueueRows(all, day).get(0);
            List<AgentWork> agentsWork = statistics.agentWork(db.connection(), day, first.agentId());
            assertEquals(ContractOracle.agentQueueRows(all, day).stream()
                    .filter(r -> r.agentId().equals(first.agentId())).toList(), DayRows.agentQueueRows(agentsWork));
            assertEquals(ContractOracle.agentRows(all, day).stream()
                    .filter(r -> r.agentId().equals(first.agentId())).toList(), DayRows.agentRows(agentsWork));
        }
    }
}
