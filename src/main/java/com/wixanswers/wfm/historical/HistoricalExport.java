package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.calabrio.HistoricalDataClient;
import com.wixanswers.wfm.calabrio.HistoricalKind;
import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.config.Settings.StatisticsSettings;
import com.wixanswers.wfm.historical.HistoricalMessages.DayPlan;
import com.wixanswers.wfm.historical.HistoricalMessages.RowCounts;
import com.wixanswers.wfm.historical.HistoricalMessages.Scope;
import com.wixanswers.wfm.historical.InteractionStatistics.InvalidRows;
import com.wixanswers.wfm.sql.Database;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The historical data flow, one queue or agent at a time: figures from the database, rows for the day, batches
 * to Calabrio. Plain Java: the activities call it in Azure and in the in-process driver alike.
 */
public final class HistoricalExport {
    /** How many invalid row ids a day's summary names. */
    static final int FIRST_INVALID_IDS = 10;

    private final Database database;
    private final InteractionStatistics statistics;
    private final HistoricalDataClient calabrio;
    private final StatisticsSettings rules;

    public HistoricalExport(Database database, InteractionStatistics statistics, HistoricalDataClient calabrio,
                            StatisticsSettings rules) {
        this.database = database;
        this.statistics = statistics;
        this.calabrio = calabrio;
        this.rules = rules;
    }

    /** The day, or only its intervals ended by {@code endedBy} (ISO-8601) where it is not null. */
    public StatsDay day(LocalDate date, String endedBy) {
        StatsDay day = StatsDay.of(date, rules.zone(), rules.intervalMinutes());
        return endedBy == null ? day : day.endedBy(Instant.parse(endedBy));
    }

    /** The day's queues and agents (none with {@code queuesOnly}), and its invalid rows, in the scope's intervals. */
    public DayPlan plan(LocalDate date, Scope scope) {
        StatsDay day = day(date, scope.endedBy);
        return database.run("planning the historical data of " + date, connection -> {
            DayPlan plan = new DayPlan();
            plan.day = date.toString();
            plan.intervals = day.intervalCount();
            plan.until = day.end().toString();
            InvalidRows invalid;
            if (scope.queuesOnly) {
                InteractionStatistics.OfferedRows offered = statistics.offeredRowsOf(connection, day,
                        FIRST_INVALID_IDS);
                plan.queueIds.addAll(offered.queueIds());
                invalid = offered.invalid();
            } else {
                plan.queueIds.addAll(statistics.queuesOf(connection, day));
                plan.agentIds.addAll(statistics.agentsOf(connection, day));
                invalid = statistics.invalidRowsOf(connection, day, FIRST_INVALID_IDS);
            }
            plan.invalidRows = invalid.count();
            plan.firstInvalidIds.addAll(invalid.firstIds());
            return plan;
        });
    }

    /** Sends one queue's rows for every interval of the day, or every interval ended by {@code endedBy}. */
    public RowCounts sendQueue(LocalDate date, String queueId, String endedBy) {
        StatsDay day = day(date, endedBy);
        List<QueueStatsRow> figures = database.run("computing queue " + queueId + " on " + date,
                connection -> statistics.queueStats(connection, day, queueId));
        List<QueueStatsRow> rows = DayRows.queueRows(day, figures);
        return new RowCounts(calabrio.send(HistoricalKind.QUEUE_STATS, date, queueId, rows), 0, 0);
    }

    /** Sends one agent's agent rows, then its agent-queue rows, for the intervals with work. */
    public RowCounts sendAgent(LocalDate date, String agentId) {
        StatsDay day = day(date, null);
        List<AgentWork> work = database.run("computing agent " + agentId + " on " + date,
                connection -> statistics.agentWork(connection, day, agentId));
        int agentRows = calabrio.send(HistoricalKind.AGENT_STATS, date, agentId, DayRows.agentRows(work));
        int queueRows = calabrio.send(HistoricalKind.AGENT_QUEUE_STATS, date, agentId, DayRows.agentQueueRows(work));
        return new RowCounts(0, agentRows, queueRows);
    }
}
