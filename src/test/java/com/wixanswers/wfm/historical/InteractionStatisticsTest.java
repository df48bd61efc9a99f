package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.calabrio.AgentQueueStatsRow;
import com.wixanswers.wfm.calabrio.AgentStatsRow;
import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.config.Settings.StatisticsSettings;
import com.wixanswers.wfm.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every figure of interactions.md, computed by the SQL on H2 in SQL Server mode, against hand-worked rows. */
class InteractionStatisticsTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 27);
    private final TestDatabase db = new TestDatabase();

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private static StatisticsSettings rules(String zone, int intervalMinutes) {
        return Settings.load(Map.of("STATS_TIME_ZONE", zone, "STATS_INTERVAL_MINUTES", "" + intervalMinutes,
                "SERVICE_LEVEL_SECONDS", "20", "SERVICE_LEVEL_SECONDS_TICKET", "86400",
                "SHORT_ABANDON_SECONDS", "5")).statistics();
    }

    private List<QueueStatsRow> queueDay(StatisticsSettings rules, LocalDate date) throws SQLException {
        StatsDay day = StatsDay.of(date, rules.zone(), rules.intervalMinutes());
        return DayRows.queueRows(day, statistics(rules).queueStats(db.connection(), day, null));
    }

    private static InteractionStatistics statistics(StatisticsSettings rules) {
        return new InteractionStatistics(TestDatabase.TABLE, rules);
    }

    private static QueueStatsRow at(List<QueueStatsRow> rows, String queue, String start) {
        return rows.stream().filter(r -> r.queueId().equals(queue) && r.intervalStart().equals(Instant.parse(start)))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + queue + " at " + start));
    }

    @Test
    void everyQueueFigure() throws SQLException {
        String nine = "2026-11-27T09:10:00Z";
        db.row().offered(nine).answered("a-1", 15, 300, 30).insert();                        // within SL, resolved
        db.row().offered(nine).answered("a-2", 25, 0, 0).talk(null).wrapUp(null).insert();
        db.row().offered(nine).answered("a-2", 20, 100, 10).insert();                        // exactly SL: within
        db.row().offered(nine).answered("a-3", 30, 60, 5).noEnd().insert();                 // open: not resolved
        db.row().offered(nine).outcome("ABANDONED").endedAfter(3).insert();                  // short
        db.row().offered(nine).outcome("ABANDONED").endedAfter(5).insert();                  // not short, within SL
        db.row().offered(nine).outcome("ABANDONED").endedAfter(12).insert();                 // within SL
        db.row().offered(nine).outcome("ABANDONED").endedAfter(40).insert();                 // outside SL
        db.row().offered(nine).outcome("ABANDONED").insert();                                // no ended_at
        db.row().offered(nine).outcome("OVERFLOWED").endedAfter(50).insert();
        db.row().offered(nine).outcome("OPEN").insert();                                     // waiting still
        db.row().offered(nine).channel("TICKET").answered("a-1", 3600, 200, 20).insert();    // ticket SL: within
        db.row().offered(nine).outcome("ABANDONED").answered("a-1", 5, 10, 0).outcome("ABANDONED").insert();
        db.row().offered(nine).direction("OUTBOUND").answered("a-1", 5, 10, 0).insert();     // not in queue stats
        db.row().offered(nine).noQueue().answered("a-1", 2, 10, 0).insert();                 // direct: not either

        List<QueueStatsRow> rows = queueDay(rules("UTC", 60), DATE);
        assertEquals(24, rows.size(), "one row per interval of the day");
        QueueStatsRow q = at(rows, "q-1", "2026-11-27T09:00:00Z");
        assertEquals(13, q.offered());
        assertEquals(6, q.answered());
        assertEquals(4, q.answeredWithinServiceLevel(), "15 s, 20 s, the ticket's hour, and 5 s");
        assertEquals(5, q.abandoned());
        assertEquals(1, q.abandonedShort());
        assertEquals(2, q.abandonedWithinServiceLevel(), "5 s and 12 s: not short, within 20 s");
        assertEquals(1, q.overflowOut());
        assertEquals(15 + 25 + 20 + 30 + 3600 + 5, q.answeredWaitSeconds());
        assertEquals(3600, q.longestAnsweredWaitSeconds());
        assertEquals(3 + 5 + 12 + 40, q.abandonedWaitSeconds(), "the abandon without ended_at adds nothing");
        assertEquals(40, q.longestAbandonedWaitSeconds());
        assertEquals(300 + 0 + 100 + 60 + 200 + 10, q.talkSeconds(), "NULL talk counts as 0");
        assertEquals(30 + 0 + 10 + 5 + 20 + 0, q.wrapUpSeconds());
        assertEquals(5, q.resolved(), "answered with ended_at set");
        assertEquals((15 + 300) + 25 + (20 + 100) + (3600 + 200) + (5 + 10), q.resolutionSeconds());
        assertEquals("Billing", q.queueName());

        QueueStatsRow quiet = at(rows, "q-1", "2026-11-27T10:00:00Z");
        assertEquals(QueueStatsRow.empty("q-1", "Billing", Instant.parse("2026-11-27T10:00:00Z")), quiet);
    }

    @Test
    void queueNameIsTheDaysGreatestNonNullNameOnEveryRow() throws SQLException {
        db.row().queue("q-1", "Billing").offered("2026-11-27T08:00:00Z").insert();
        db.row().queue("q-1", null).offered("2026-11-27T09:00:00Z").insert();
        db.row().queue("q-1", "Billing EU").offered("2026-11-27T10:00:00Z").insert();
        db.row().queue("q-2", null).offered("2026-11-27T10:00:00Z").insert();
        List<QueueStatsRow> rows = queueDay(rules("UTC", 60), DATE);
        assertTrue(rows.stream().filter(r -> r.queueId().equals("q-1")).allMatch(r -> "Billing EU".equals(r.queueName())));
        assertTrue(rows.stream().filter(r -> r.queueId().equals("q-2")).allMatch(r -> r.queueName() == null));
        assertEquals(48, rows.size());
    }

    @Test
    void aQueueWithOnlyOutboundOrInvalidRowsIsListedButGetsNoRows() throws SQLException {
        db.row().queue("q-out", "Out").direction("OUTBOUND").insert();
        db.row().queue("q-bad", "Bad").direction("SIDEWAYS").insert();
        assertEquals(List.of(), queueDay(rules("UTC", 60), DATE));
        StatsDay day = StatsDay.of(DATE, ZoneId.of("UTC"), 60);
        assertEquals(List.of(), statistics(rules("UTC", 60)).queueStats(db.connection(), day, "q-bad"));
        assertEquals(List.of("q-bad", "q-out"), statistics(rules("UTC", 60)).queuesOf(db.connection(), day));
    }

    @Test
    void theDaysQueuesAndAgentsAreThoseWithRowsInTheDay() throws SQLException {
        db.row().queue("q-before", "B").offered("2026-11-26T23:59:59Z").insert();
        db.row().queue("q-first", "F").offered("2026-11-27T00:00:00Z").answered("a-2", 10, 1, 1).insert();
        db.row().queue("q-last", "L").offered("2026-11-27T23:59:59Z").insert();
        db.row().queue("q-after", "A").offered("2026-11-28T00:00:00Z").insert();
        db.row().queue("q-last", "L").offered("2026-11-26T23:00:00Z").answered("a-1", 3600, 1, 1).insert();
        db.row().queue("q-before", "B").offered("2026-11-26T23:00:00Z").answered("a-3", 3599, 1, 1).insert();
        StatsDay day = StatsDay.of(DATE, ZoneId.of("UTC"), 60);
        assertEquals(List.of("q-first", "q-last"), statistics(rules("UTC", 60)).queuesOf(db.connection(), day));
        assertEquals(List.of("a-1", "a-2"), statistics(rules("UTC", 60)).agentsOf(db.connection(), day));
    }

    @Test
    void everyAgentAndAgentQueueFigure() throws SQLException {
        String nine = "2026-11-27T09:05:00Z";
        db.row().offered(nine).answered("a-1", 10, 100, 20).transferred().insert();
        db.row().offered(nine).queue("q-2", "Sales").answered("a-1", 10, 50, 0).wrapUp(null)
                .insert();
        db.row().offered(nine).noQueue().answered("a-1", 1, 30, 5).insert();                  // direct inbound
        db.row().offered(nine).noQueue().direction("OUTBOUND").answered("a-1", 8, 70, 10).talk(null).insert();
        db.row().offered(nine).queue("q-2", "Sales").answered("a-2", 10, 40, 4).insert();
        // Offered in the 09:00 interval, answered in the 10:00 one: agent figures follow answered_at.
        db.row().offered("2026-11-27T09:59:50Z").answered("a-1", 20, 60, 6).insert();
        db.row().offered(nine).outcome("ABANDONED").endedAfter(30).insert();                  // no agent
        db.row().offered(nine).answered("a-1", 10, 100, 20).talk(-1).insert();                // invalid

        StatisticsSettings rules = rules("UTC", 60);
        StatsDay day = StatsDay.of(DATE, rules.zone(), 60);
        List<AgentStatsRow> agents = DayRows.agentRows(statistics(rules).agentWork(db.connection(), day, null));
        assertEquals(List.of(
                new AgentStatsRow("a-1", "Agent a-1", Instant.parse("2026-11-27T09:00:00Z"), 4, 3, 1, 1,
                        100 + 50 + 30, 20 + 0 + 5 + 10, 100 + 50 + 30 + 20 + 5 + 10, 1),
                new AgentStatsRow("a-1", "Agent a-1", Instant.parse("2026-11-27T10:00:00Z"), 1, 1, 0, 0, 60, 6, 66, 0),
                new AgentStatsRow("a-2", "Agent a-2", Instant.parse("2026-11-27T09:00:00Z"), 1, 1, 0, 0, 40, 4, 44, 0)),
                agents);

        List<AgentQueueStatsRow> agentQueues = DayRows.agentQueueRows(
                statistics(rules).agentWork(db.connection(), day, "a-1"));
        assertEquals(List.of(
                new AgentQueueStatsRow("a-1", "q-1", Instant.parse("2026-11-27T09:00:00Z"), 1, 100, 20, 1),
                new AgentQueueStatsRow("a-1", "q-1", Instant.parse("2026-11-27T10:00:00Z"), 1, 60, 6, 0),
                new AgentQueueStatsRow("a-1", "q-2", Instant.parse("2026-11-27T09:00:00Z"), 1, 50, 0, 0)),
                agentQueues);
        assertEquals(List.of("a-1", "a-2"), statistics(rules).agentsOf(db.connection(), day));
    }

    @Test
    void anAgentsInboundAndOutboundWorkInOneQueueAndIntervalIsOneAgentQueueRow() throws SQLException {
        String nine = "2026-11-27T09:05:00Z";
        db.row().offered(nine).queue("q-1", "Billing").answered("a-1", 10, 100, 20).transferred().insert();
        db.row().offered(nine).queue("q-1", "Billing").direction("OUTBOUND").answered("a-1", 5, 70, 7).insert();
        db.row().offered(nine).queue("q-1", "Billing").direction("OUTBOUND").answered("a-1", 5, 30, 3).transferred()
                .insert();

        StatisticsSettings rules = rules("UTC", 60);
        StatsDay day = StatsDay.of(DATE, rules.zone(), 60);
        List<AgentWork> work = statistics(rules).agentWork(db.connection(), day, null);
        assertTrue(work.size() >= 2, "the database gives the two directions apart: " + work);
        assertEquals(List.of(new AgentQueueStatsRow("a-1", "q-1", Instant.parse("2026-11-27T09:00:00Z"), 3, 200, 30,
                2)), DayRows.agentQueueRows(work), "summed over both directions");
        assertEquals(List.of(new AgentStatsRow("a-1", "Agent a-1", Instant.parse("2026-11-27T09:00:00Z"), 3, 1, 2, 0,
                200, 30, 230, 2)), DayRows.agentRows(work));
    }

    @Test
    void agentNameIsTheDaysGreatestNonNullName() throws SQLException {
        db.row().offered("2026-11-27T08:00:00Z").answered("a-1", 1, 1, 1).agent("a-1", "Ann").insert();
        db.row().offered("2026-11-27T09:00:00Z").answered("a-1", 1, 1, 1).agent("a-1", "Anna").insert();
        db.row().offered("2026-11-27T10:00:00Z").answered("a-1", 1, 1, 1).agent("a-1", null).insert();
        StatisticsSettings rules = rules("UTC", 60);
        StatsDay day = StatsDay.of(DATE, rules.zone(), 60);
        List<AgentStatsRow> rows = DayRows.agentRows(statistics(rules).agentWork(db.connection(), day, "a-1"));
        assertEquals(3, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.agentName().equals("Anna")));
    }

    @Test
    void theFirstAndLastSecondOfTheDayAndIntervalBoundaries() throws SQLException {
        db.row().offered("2026-11-26T23:59:59Z").insert();   // the day before
        db.row().offered("2026-11-27T00:00:00Z").insert();   // first second
        db.row().offered("2026-11-27T09:59:59Z").insert();
        db.row().offered("2026-11-27T10:00:00Z").insert();
        db.row().offered("2026-11-27T23:59:59Z").insert();   // last second
        db.row().offered("2026-11-28T00:00:00Z").insert();   // the day after
        List<QueueStatsRow> rows = queueDay(rules("UTC", 60), DATE);
        assertEquals(1, at(rows, "q-1", "2026-11-27T00:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-11-27T09:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-11-27T10:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-11-27T23:00:00Z").offered());
        assertEquals(4, rows.stream().mapToLong(QueueStatsRow::offered).sum());
    }

    @Test
    void springForwardDayInBerlin() throws SQLException {
        db.row().offered("2026-03-28T22:59:59Z").insert();   // 23:59:59 local the day before
        db.row().offered("2026-03-28T23:00:00Z").insert();   // local midnight
        db.row().offered("2026-03-29T00:59:59Z").insert();   // 01:59:59 CET
        db.row().offered("2026-03-29T01:00:00Z").insert();   // 03:00 CEST: the third interval
        db.row().offered("2026-03-29T21:59:59Z").insert();   // last second
        List<QueueStatsRow> rows = queueDay(rules("Europe/Berlin", 60), LocalDate.of(2026, 3, 29));
        assertEquals(23, rows.size());
        assertEquals(1, at(rows, "q-1", "2026-03-28T23:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-03-29T00:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-03-29T01:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-03-29T21:00:00Z").offered());
        assertEquals(4, rows.stream().mapToLong(QueueStatsRow::offered).sum());
    }

    @Test
    void fallBackDayInBerlinKeepsBothLocalTwoOClocks() throws SQLException {
        db.row().offered("2026-10-25T00:15:00Z").insert();   // 02:15 CEST
        db.row().offered("2026-10-25T01:15:00Z").insert();   // 02:15 CET
        db.row().offered("2026-10-25T22:59:59Z").insert();   // 23:59:59 CET: the 25th interval
        List<QueueStatsRow> rows = queueDay(rules("Europe/Berlin", 60), LocalDate.of(2026, 10, 25));
        assertEquals(25, rows.size());
        assertEquals(1, at(rows, "q-1", "2026-10-25T00:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-10-25T01:00:00Z").offered());
        assertEquals(1, at(rows, "q-1", "2026-10-25T22:00:00Z").offered());
    }

    @Test
    void halfHourAndQuarterHourIntervals() throws SQLException {
        db.row().offered("2026-11-27T09:29:59Z").answered("a-1", 1, 10, 1).insert();
        db.row().offered("2026-11-27T09:30:00Z").answered("a-1", 1, 10, 1).insert();
        db.row().offered("2026-11-27T09:44:59Z").answered("a-1", 1, 10, 1).insert();
        db.row().offered("2026-11-27T09:45:00Z").answered("a-1", 1, 10, 1).insert();

        List<QueueStatsRow> half = queueDay(rules("UTC", 30), DATE);
        assertEquals(48, half.size());
        assertEquals(1, at(half, "q-1", "2026-11-27T09:00:00Z").offered());
        assertEquals(3, at(half, "q-1", "2026-11-27T09:30:00Z").offered());

        List<QueueStatsRow> quarter = queueDay(rules("UTC", 15), DATE);
        assertEquals(96, quarter.size());
        assertEquals(1, at(quarter, "q-1", "2026-11-27T09:15:00Z").offered());
        assertEquals(2, at(quarter, "q-1", "2026-11-27T09:30:00Z").offered());
        assertEquals(1, at(quarter, "q-1", "2026-11-27T09:45:00Z").offered());

        StatisticsSettings rules = rules("UTC", 15);
        StatsDay day = StatsDay.of(DATE, rules.zone(), 15);
        List<AgentStatsRow> agent = DayRows.agentRows(statistics(rules).agentWork(db.connection(), day, "a-1"));
        assertEquals(2, agent.size(), "answered 09:30:00, 09:30:01, 09:45:00 and 09:45:01: two quarters");
    }

    @Test
    void invalidRowsAreLeftOutCountedAndNamed() throws SQLException {
        db.row().id("z-ok").offered("2026-11-27T09:00:00Z").answered("a-1", 10, 10, 1).insert();
        db.row().id("b-answered-before").offered("2026-11-27T09:00:00Z").answered("a-1", -5, 10, 1).insert();
        db.row().id("c-ended-before").offered("2026-11-27T09:00:00Z").endedAfter(-1).insert();
        db.row().id("d-negative-talk").offered("2026-11-27T09:00:00Z").answered("a-1", 5, 10, 1).talk(-1).insert();
        db.row().id("e-negative-wrap").offered("2026-11-27T09:00:00Z").answered("a-1", 5, 10, 1).wrapUp(-2).insert();
        db.row().id("f-direction").offered("2026-11-27T09:00:00Z").direction("INTERNAL").insert();
        db.row().id("g-outcome").offered("2026-11-27T09:00:00Z").outcome("LOST").insert();
        // Offered the day before, answered in this day, with a negative talk time.
        db.row().id("a-answered-today").offered("2026-11-26T23:00:00Z").answered("a-1", 3600, 10, 1).talk(-3).insert();
        db.row().id("h-other-day").offered("2026-11-25T09:00:00Z").outcome("LOST").insert();

        StatisticsSettings rules = rules("UTC", 60);
        StatsDay day = StatsDay.of(DATE, rules.zone(), 60);
        InteractionStatistics.InvalidRows invalid = statistics(rules).invalidRowsOf(db.connection(), day, 3);
        assertEquals(7, invalid.count());
        assertEquals(List.of("a-answered-today", "b-answered-before", "c-ended-before"), invalid.firstIds());
        InteractionStatistics.OfferedRows offered = statistics(rules).offeredRowsOf(db.connection(), day, 3);
        assertEquals(statistics(rules).queuesOf(db.connection(), day), offered.queueIds(),
                "a queue-only run plans the same queues in one pass");
        assertEquals(6, offered.invalid().count(), "by the offer: the row answered today was offered the day before");
        assertEquals(List.of("b-answered-before", "c-ended-before", "d-negative-talk"), offered.invalid().firstIds());

        QueueStatsRow q = at(queueDay(rules, DATE), "q-1", "2026-11-27T09:00:00Z");
        assertEquals(1, q.offered());
        assertEquals(1, q.answered());
        List<AgentStatsRow> agents = DayRows.agentRows(statistics(rules).agentWork(db.connection(), day, null));
        assertEquals(1, agents.size());
        assertEquals(1, agents.get(0).handled());
    }

    @Test
    void aPlaceholderTimestampMakesItsRowInvalidAndNoFigureOverflows() throws SQLException {
        String nine = "2026-11-27T09:00:00Z";
        db.row().id("a-ok").offered(nine).answered("a-1", 10, 100, 5).insert();
        db.row().id("b-placeholder-end").offered(nine).answered("a-1", 10, 100, 5).endedAt("9999-12-31T00:00:00Z")
                .insert();
        db.row().id("c-placeholder-answer").offered(nine).answeredAt("9999-12-31T23:59:59Z").insert();
        db.row().id("d-abandoned-placeholder").offered(nine).outcome("ABANDONED").endedAt("9999-12-31T00:00:00Z")
                .insert();
        // 366 days to the second is still valid; one second more is not.
        db.row().id("e-a-year-later").offered(nine).answered("a-2", 30, 100, 5)
                .endedAt("2027-11-28T09:00:00Z").insert();
        db.row().id("f-a-year-and-a-second").offered(nine).answered("a-2", 30, 100, 5)
                .endedAt("2027-11-28T09:00:01Z").insert();

        StatisticsSettings rules = rules("UTC", 60);
        StatsDay day = StatsDay.of(DATE, rules.zone(), 60);
        InteractionStatistics.InvalidRows invalid = statistics(rules).invalidRowsOf(db.connection(), day, 10);
        assertEquals(List.of("b-placeholder-end", "c-placeholder-answer", "d-abandoned-placeholder",
                "f-a-year-and-a-second"), invalid.firstIds());

        QueueStatsRow q = at(queueDay(rules, DATE), "q-1", nine);
        assertEquals(2, q.offered());
        assertEquals(2, q.resolved());
        assertEquals(110 + 366L * 86_400, q.resolutionSeconds(), "the year-long ticket, and 110 s");
        List<AgentStatsRow> agents = DayRows.agentRows(statistics(rules).agentWork(db.connection(), day, null));
        assertEquals(2, agents.stream().mapToLong(AgentStatsRow::handled).sum());
    }

    @Test
    void codesCountWhateverTheirCaseOrTrailingBlanksAsSqlServersCollationComparesThem() throws SQLException {
        String nine = "2026-11-27T09:00:00Z";
        db.row().offered(nine).direction("inbound").answered("a-1", 10, 100, 5).insert();
        db.row().offered(nine).direction("outbound").answered("a-1", 10, 100, 5).insert();
        db.row().offered(nine).direction("INBOUND").answered("a-1", 10, 100, 5).outcome("answered").insert();
        db.row().offered(nine).outcome("abandoned ").endedAfter(3).insert();
        db.row().offered(nine).outcome("Overflowed").endedAfter(30).insert();
        db.row().offered(nine).channel("ticket").answered("a-1", 3600, 100, 5).insert();

        StatisticsSettings rules = rules("UTC", 60);
        StatsDay day = StatsDay.of(DATE, rules.zone(), 60);
        assertEquals(0, statistics(rules).invalidRowsOf(db.connection(), day, 10).count());
        QueueStatsRow q = at(queueDay(rules, DATE), "q-1", nine);
        assertEquals(5, q.offered(), "every inbound row, whatever its case");
        assertEquals(1, q.abandoned());
        assertEquals(1, q.abandonedShort());
        assertEquals(1, q.overflowOut());
        assertEquals(3, q.answeredWithinServiceLevel(), "the lower-case ticket under the ticket threshold");
        AgentStatsRow agent = DayRows.agentRows(statistics(rules).agentWork(db.connection(), day, "a-1")).get(0);
        assertEquals(Instant.parse(nine), agent.intervalStart());
        assertEquals(3, agent.handled(), "the ticket was answered an hour later");
        assertEquals(agent.handled(), agent.inboundHandled() + agent.outboundHandled(), "inbound and outbound add up to handled");
        assertEquals(1, agent.outboundHandled());
    }
}
