package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.config.Settings.StatisticsSettings;
import com.wixanswers.wfm.sql.SqlQuery;
import com.wixanswers.wfm.sql.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of docs/contracts/interactions.md, computed in the database: one aggregation for the queue figures and
 * one for the agents' work, for one queue or agent (what an activity sends) or for all of them at once (what the
 * benchmark measures). Each queue figure is one expression below, named as in the contract; an inner query derives the
 * per-interaction terms of the contract ({@code wait}, {@code SL(channel)}, answered, abandoned) and the outer query
 * only sums and takes maxima. The agent figures roll up from {@link AgentWork} in {@link DayRows}.
 *
 * <p>The SQL is what SQL Server and H2 (MODE=MSSQLServer) both accept: {@code DATEDIFF(SECOND, a, b)},
 * {@code CASE}, {@code COALESCE}, sums over {@code BIGINT} (waits of long-open tickets overflow an INT sum).
 * Interval i of a day holds the instants {@code [start + i*len, start + (i+1)*len)}, so an interaction's interval
 * is {@code DATEDIFF(SECOND, dayStart, t) / len}, integer division of a non-negative number.
 *
 * <p>Two things SQL Server does that H2 does not are said once here. Its {@code DATEDIFF} is an {@code INT}: every
 * one is taken inside a {@code CASE} that has checked its span is at most 366 days, because SQL Server may compute a
 * select list before the {@code WHERE} has dropped a row. And its default collation ignores case and trailing
 * blanks: the codes (direction, outcome, channel) are read as {@link #code} makes them, on both databases, and Java
 * only ever sees that form.
 */
public final class InteractionStatistics {

    /**
     * A valid row (docs/contracts/interactions.md, "Invalid rows"); everything else is left out of every figure and
     * reported.
     */
    static final String VALID = "(talk_seconds IS NULL OR talk_seconds >= 0)"
            + " AND (wrap_up_seconds IS NULL OR wrap_up_seconds >= 0)"
            + " AND " + code("direction") + " IN ('INBOUND', 'OUTBOUND')"
            + " AND " + code("outcome") + " IN ('ANSWERED', 'ABANDONED', 'OVERFLOWED', 'OPEN')"
            + " AND " + withinAYearOfTheOffer("answered_at")
            + " AND " + withinAYearOfTheOffer("ended_at");

    private static final String INVALID = " AND (CASE WHEN " + VALID + " THEN 0 ELSE 1 END) = 1";

    private final TableName table;
    private final StatisticsSettings rules;

    /** Invalid rows of a day: offered or answered during it. */
    public record InvalidRows(long count, List<String> firstIds) {
    }

    public InteractionStatistics(TableName table, StatisticsSettings rules) {
        this.table = table;
        this.rules = rules;
    }

    /** A code column as SQL Server's default collation compares it: upper case, no trailing blanks. */
    static String code(String column) {
        return "UPPER(RTRIM(" + column + "))";
    }

    /** Null, or not before the offer and at most 366 days after it (a placeholder such as 9999-12-31 is not). */
    private static String withinAYearOfTheOffer(String column) {
        return "(CASE WHEN " + column + " IS NULL THEN 1 WHEN " + column + " < offered_at THEN 0"
                + " WHEN DATEADD(DAY, -366, " + column + ") > offered_at THEN 0 ELSE 1 END) = 1";
    }

    /** Seconds from {@code from} to {@code to}; null unless {@code to} is 0 to 366 days after, so INT holds it. */
    private static String secondsBetween(String from, String to) {
        return "CASE WHEN " + to + " >= " + from + " AND DATEADD(DAY, -366, " + to + ") <= " + from
                + " THEN DATEDIFF(SECOND, " + from + ", " + to + ") END";
    }

    /**
     * Queues offered something during the day: each gets a queue activity, which sends rows when the queue has
     * valid INBOUND interactions (a queue with only outbound or invalid rows sends none).
     */
    public List<String> queuesOf(Connection connection, StatsDay day) throws SQLException {
        return keysWithRowsIn(connection, "queue_id", "offered_at", day);
    }

    /** Agents with an interaction answered during the day: each gets an agent activity. */
    public List<String> agentsOf(Connection connection, StatsDay day) throws SQLException {
        return keysWithRowsIn(connection, "agent_id", "answered_at", day);
    }

    /**
     * The distinct keys of the day's rows, read from the day's rows only: with the indexes the README recommends,
     * {@code (offered_at) INCLUDE (queue_id)} and {@code (answered_at) INCLUDE (agent_id)}, one range seek.
     */
    private List<String> keysWithRowsIn(Connection connection, String key, String time, StatsDay day)
            throws SQLException {
        return strings(connection, new SqlQuery()
                .append("SELECT DISTINCT " + key + " FROM " + table + " WHERE " + time + " >= ? AND " + time
                        + " < ? AND " + key + " IS NOT NULL ORDER BY " + key, day.start(), day.end()));
    }

    /** Invalid rows offered or answered during the day: their count and the first ids, in id order. */
    public InvalidRows invalidRowsOf(Connection connection, StatsDay day, int firstIds) throws SQLException {
        String where = " WHERE ((offered_at >= ? AND offered_at < ?) OR (answered_at >= ? AND answered_at < ?))"
                + INVALID;
        Object[] bounds = {day.start(), day.end(), day.start(), day.end()};
        long count;
        try (PreparedStatement statement = new SqlQuery()
                .append("SELECT COUNT(*) FROM " + table + where, bounds).prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            count = rows.getLong(1);
        }
        return new InvalidRows(count, count == 0 ? List.of() : firstInvalidIds(connection, where, bounds, firstIds));
    }

    /** The queues offered something during the day, and the invalid rows offered: what a queue-only run needs. */
    public record OfferedRows(List<String> queueIds, InvalidRows invalid) {
    }

    /**
     * The day's queues and its invalid rows by the offer, in one pass over the day's offers: all a run that sends
     * queue figures only (they place rows by the offer) plans with, so that a run every 15 minutes reads the day
     * once more, not twice.
     */
    public OfferedRows offeredRowsOf(Connection connection, StatsDay day, int firstIds) throws SQLException {
        List<String> queues = new ArrayList<>();
        long invalid = 0;
        try (PreparedStatement statement = new SqlQuery().append("SELECT queue_id, SUM(CASE WHEN " + VALID
                        + " THEN 0 ELSE 1 END) FROM " + table + " WHERE offered_at >= ? AND offered_at < ?"
                        + " GROUP BY queue_id ORDER BY queue_id", day.start(), day.end()).prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (rows.getString(1) != null) {
                    queues.add(rows.getString(1));
                }
                invalid += rows.getLong(2);
            }
        }
        String where = " WHERE offered_at >= ? AND offered_at < ?" + INVALID;
        return new OfferedRows(queues, new InvalidRows(invalid, invalid == 0 ? List.of()
                : firstInvalidIds(connection, where, new Object[]{day.start(), day.end()}, firstIds)));
    }

    private List<String> firstInvalidIds(Connection connection, String where, Object[] bounds, int firstIds)
            throws SQLException {
        return strings(connection, new SqlQuery()
                .append("SELECT interaction_id FROM " + table + where, bounds)
                .append(" ORDER BY interaction_id OFFSET 0 ROWS FETCH NEXT " + Math.max(1, firstIds)
                        + " ROWS ONLY"));
    }

    /**
     * Queue figures per queue and interval with at least one offer; {@code queueName} is the greatest name seen in
     * that interval. {@link DayRows#queueRows} completes them into every interval of the day.
     *
     * @param queueId one queue, or null for every queue
     */
    public List<QueueStatsRow> queueStats(Connection connection, StatsDay day, String queueId) throws SQLException {
        SqlQuery query = new SqlQuery().append("""
                SELECT queue_id, interval_index,
                  MAX(queue_name) AS queue_name,
                  COUNT(*) AS offered,
                  SUM(is_answered) AS answered,
                  SUM(CASE WHEN is_answered = 1 AND wait_seconds <= sl_seconds THEN 1 ELSE 0 END)
                    AS answered_within_service_level,
                  SUM(is_abandoned) AS abandoned,
                  SUM(CASE WHEN is_abandoned = 1 AND wait_seconds < CAST(? AS INT) THEN 1 ELSE 0 END)
                    AS abandoned_short,
                  SUM(CASE WHEN is_abandoned = 1 AND wait_seconds >= CAST(? AS INT) AND wait_seconds <= sl_seconds
                    THEN 1 ELSE 0 END) AS abandoned_within_service_level,
                  SUM(is_overflow) AS overflow_out,
                  SUM(CASE WHEN is_answered = 1 THEN wait_seconds ELSE 0 END) AS answered_wait_seconds,
                  MAX(CASE WHEN is_answered = 1 THEN wait_seconds ELSE 0 END) AS longest_answered_wait_seconds,
                  SUM(CASE WHEN is_abandoned = 1 AND wait_seconds IS NOT NULL THEN wait_seconds ELSE 0 END)
                    AS abandoned_wait_seconds,
                  MAX(CASE WHEN is_abandoned = 1 AND wait_seconds IS NOT NULL THEN wait_seconds ELSE 0 END)
                    AS longest_abandoned_wait_seconds,
                  SUM(CASE WHEN is_answered = 1 THEN talk ELSE 0 END) AS talk_seconds,
                  SUM(CASE WHEN is_answered = 1 THEN wrap_up ELSE 0 END) AS wrap_up_seconds,
                  SUM(CASE WHEN is_answered = 1 AND resolution IS NOT NULL THEN 1 ELSE 0 END) AS resolved,
                  SUM(CASE WHEN is_answered = 1 AND resolution IS NOT NULL THEN resolution ELSE 0 END)
                    AS resolution_seconds
                FROM (
                  SELECT queue_id, queue_name,
                """, rules.shortAbandonSeconds(), rules.shortAbandonSeconds())
                .append("    (" + secondsBetween("CAST(? AS DATETIME2)", "offered_at") + ") / CAST(? AS INT)"
                        + " AS interval_index,\n", day.start(), day.start(), day.start(), (int) day.intervalSeconds())
                .append("    CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END AS is_answered,\n")
                .append("    CASE WHEN " + code("outcome") + " = 'ABANDONED' AND answered_at IS NULL THEN 1 ELSE 0 END"
                        + " AS is_abandoned,\n")
                .append("    CASE WHEN " + code("outcome") + " = 'OVERFLOWED' AND answered_at IS NULL THEN 1 ELSE 0 END"
                        + " AS is_overflow,\n")
                .append("    CAST(CASE WHEN answered_at IS NOT NULL THEN " + secondsBetween("offered_at", "answered_at")
                        + " WHEN " + code("outcome") + " = 'ABANDONED' THEN " + secondsBetween("offered_at", "ended_at")
                        + " END AS BIGINT) AS wait_seconds,\n")
                .append("""
                    CAST(COALESCE(talk_seconds, 0) AS BIGINT) AS talk,
                    CAST(COALESCE(wrap_up_seconds, 0) AS BIGINT) AS wrap_up,
                """)
                .append("    CAST(" + secondsBetween("offered_at", "ended_at") + " AS BIGINT) AS resolution,\n");
        appendServiceLevelSeconds(query);
        query.append("  FROM " + table + "\n  WHERE offered_at >= ? AND offered_at < ?", day.start(), day.end())
                .append(" AND " + code("direction") + " = 'INBOUND' AND queue_id IS NOT NULL AND " + VALID);
        if (queueId != null) {
            query.append(" AND queue_id = ?", SqlQuery.varchar(queueId));
        }
        query.append("\n) AS population\nGROUP BY queue_id, interval_index");

        List<QueueStatsRow> rows = new ArrayList<>();
        try (PreparedStatement statement = query.prepare(connection); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new QueueStatsRow(
                        result.getString("queue_id"),
                        result.getString("queue_name"),
                        day.intervalStart(result.getInt("interval_index")),
                        result.getLong("offered"),
                        result.getLong("answered"),
                        result.getLong("answered_within_service_level"),
                        result.getLong("abandoned"),
                        result.getLong("abandoned_short"),
                        result.getLong("abandoned_within_service_level"),
                        result.getLong("overflow_out"),
                        result.getLong("answered_wait_seconds"),
                        result.getLong("longest_answered_wait_seconds"),
                        result.getLong("abandoned_wait_seconds"),
                        result.getLong("longest_abandoned_wait_seconds"),
                        result.getLong("talk_seconds"),
                        result.getLong("wrap_up_seconds"),
                        result.getLong("resolved"),
                        result.getLong("resolution_seconds")));
            }
        }
        return rows;
    }

    /**
     * The answered work of the day per agent, queue, direction and interval: the one aggregation both the agent
     * and the agent-queue figures roll up from ({@link DayRows#agentRows}, {@link DayRows#agentQueueRows}), so an
     * agent's rows are read once.
     *
     * @param agentId one agent, or null for every agent
     */
    public List<AgentWork> agentWork(Connection connection, StatsDay day, String agentId) throws SQLException {
        SqlQuery query = new SqlQuery().append("""
                SELECT agent_id, queue_id, direction, interval_index,
                  MAX(agent_name) AS agent_name,
                  COUNT(*) AS answered,
                  SUM(talk) AS talk_seconds,
                  SUM(wrap_up) AS wrap_up_seconds,
                  SUM(is_transferred) AS transferred_out
                FROM (
                  SELECT agent_id, agent_name, queue_id,
                """)
                .append("    " + code("direction") + " AS direction,\n")
                .append("    (" + secondsBetween("CAST(? AS DATETIME2)", "answered_at") + ") / CAST(? AS INT)"
                        + " AS interval_index,\n", day.start(), day.start(), day.start(), (int) day.intervalSeconds())
                .append("""
                    CAST(COALESCE(talk_seconds, 0) AS BIGINT) AS talk,
                    CAST(COALESCE(wrap_up_seconds, 0) AS BIGINT) AS wrap_up,
                    CASE WHEN transferred = 1 THEN 1 ELSE 0 END AS is_transferred
                """)
                .append("  FROM " + table + "\n  WHERE answered_at >= ? AND answered_at < ?", day.start(), day.end())
                .append(" AND agent_id IS NOT NULL AND " + VALID);
        if (agentId != null) {
            query.append(" AND agent_id = ?", SqlQuery.varchar(agentId));
        }
        query.append("\n) AS population\nGROUP BY agent_id, queue_id, direction, interval_index");

        List<AgentWork> work = new ArrayList<>();
        try (PreparedStatement statement = query.prepare(connection); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                work.add(new AgentWork(
                        result.getString("agent_id"),
                        result.getString("agent_name"),
                        result.getString("queue_id"),
                        result.getString("direction"),
                        day.intervalStart(result.getInt("interval_index")),
                        result.getLong("answered"),
                        result.getLong("talk_seconds"),
                        result.getLong("wrap_up_seconds"),
                        result.getLong("transferred_out")));
            }
        }
        return work;
    }

    /** SL(channel): the per-channel thresholds as a CASE over the channel, the default otherwise. */
    private void appendServiceLevelSeconds(SqlQuery query) {
        if (rules.serviceLevelSecondsByChannel().isEmpty()) {
            query.append("    CAST(? AS INT) AS sl_seconds\n", rules.serviceLevelSeconds());
            return;
        }
        query.append("    CASE");
        for (Map.Entry<String, Integer> channel : rules.serviceLevelSecondsByChannel().entrySet()) {
            query.append(" WHEN " + code("channel") + " = ? THEN CAST(? AS INT)",
                    SqlQuery.varchar(channel.getKey().toUpperCase(Locale.ROOT)), channel.getValue());
        }
        query.append(" ELSE CAST(? AS INT) END AS sl_seconds\n", rules.serviceLevelSeconds());
    }

    private static List<String> strings(Connection connection, SqlQuery query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = query.prepare(connection); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
