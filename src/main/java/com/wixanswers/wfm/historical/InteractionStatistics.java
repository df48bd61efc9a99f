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
import java.util.Map;

/**
 * The figures of interactions.md, computed in the database: one aggregation for the queue figures and one for
 * the agents' work, for one queue or agent (what an activity sends) or for all of them at once (what the
 * benchmark measures). Each queue figure is one expression below, named as in the contract; an inner query
 * derives the per-interaction terms of the contract ({@code wait}, {@code SL(channel)}, answered, abandoned) and
 * the outer query only sums and takes maxima. The agent figures roll up from {@link AgentWork} in
 * {@link DayRows}.
 *
 * <p>The SQL is what SQL Server and H2 (MODE=MSSQLServer) both accept: {@code DATEDIFF(SECOND, a, b)},
 * {@code CASE}, {@code COALESCE}, sums over {@code BIGINT} (waits of long-open tickets overflow an INT sum).
 * Interval i of a day holds the instants {@code [start + i*len, start + (i+1)*len)}, so an interaction's interval
 * is {@code DATEDIFF(SECOND, dayStart, t) / len}, integer division of a non-negative number.
 */
public final class InteractionStatistics {

    /** A valid row (interactions.md, "Validity"); everything else is left out of every figure and reported. */
    static final String VALID = "(answered_at IS NULL OR answered_at >= offered_at)"
            + " AND (ended_at IS NULL OR ended_at >= offered_at)"
            + " AND (talk_seconds IS NULL OR talk_seconds >= 0)"
            + " AND (wrap_up_seconds IS NULL OR wrap_up_seconds >= 0)"
            + " AND direction IN ('INBOUND', 'OUTBOUND')"
            + " AND outcome IN ('ANSWERED', 'ABANDONED', 'OVERFLOWED', 'OPEN')";

    private final TableName table;
    private final StatisticsSettings rules;

    /** Invalid rows of a day: offered or answered during it. */
    public record InvalidRows(long count, List<String> firstIds) {
    }

    public InteractionStatistics(TableName table, StatisticsSettings rules) {
        this.table = table;
        this.rules = rules;
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
     * The distinct keys with a row in the day, read from the contract's {@code (key, time)} index alone: a skip
     * scan, one seek to the next key and one to check its day, so the cost follows the number of queues or agents,
     * not of interactions (a DISTINCT over the day's rows reads every row, through the index or the table).
     */
    private List<String> keysWithRowsIn(Connection connection, String key, String time, StatsDay day)
            throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement first = connection.prepareStatement("SELECT " + key + " FROM " + table + " WHERE "
                + key + " IS NOT NULL ORDER BY " + key + " OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY");
             PreparedStatement next = connection.prepareStatement("SELECT " + key + " FROM " + table + " WHERE "
                     + key + " > ? ORDER BY " + key + " OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY");
             PreparedStatement inDay = connection.prepareStatement("SELECT " + key + " FROM " + table + " WHERE "
                     + key + " = ? AND " + time + " >= ? AND " + time + " < ? ORDER BY " + time
                     + " OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY")) {
            SqlQuery.bind(inDay, 2, day.start());
            SqlQuery.bind(inDay, 3, day.end());
            String current = single(first);
            while (current != null) {
                SqlQuery.bind(inDay, 1, SqlQuery.varchar(current));
                if (single(inDay) != null) {
                    keys.add(current);
                }
                SqlQuery.bind(next, 1, SqlQuery.varchar(current));
                current = single(next);
            }
        }
        return keys;
    }

    private static String single(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        }
    }

    /** Invalid rows offered or answered during the day: their count and the first ids, in id order. */
    public InvalidRows invalidRowsOf(Connection connection, StatsDay day, int firstIds) throws SQLException {
        String where = " WHERE ((offered_at >= ? AND offered_at < ?) OR (answered_at >= ? AND answered_at < ?))"
                + " AND (CASE WHEN " + VALID + " THEN 0 ELSE 1 END) = 1";
        Object[] bounds = {day.start(), day.end(), day.start(), day.end()};
        long count;
        try (PreparedStatement statement = new SqlQuery()
                .append("SELECT COUNT(*) FROM " + table + where, bounds).prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            count = rows.getLong(1);
        }
        List<String> ids = count == 0 ? List.of() : strings(connection, new SqlQuery()
                .append("SELECT interaction_id FROM " + table + where, bounds)
                .append(" ORDER BY interaction_id OFFSET 0 ROWS FETCH NEXT " + Math.max(1, firstIds)
                        + " ROWS ONLY"));
        return new InvalidRows(count, ids);
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
                .append("    DATEDIFF(SECOND, CAST(? AS DATETIME2), offered_at) / CAST(? AS INT) AS interval_index,\n",
                        day.start(), (int) day.intervalSeconds())
                .append("""
                    CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END AS is_answered,
                    CASE WHEN outcome = 'ABANDONED' AND answered_at IS NULL THEN 1 ELSE 0 END AS is_abandoned,
                    CASE WHEN outcome = 'OVERFLOWED' AND answered_at IS NULL THEN 1 ELSE 0 END AS is_overflow,
                    CAST(CASE WHEN answered_at IS NOT NULL THEN DATEDIFF(SECOND, offered_at, answered_at)
                              WHEN outcome = 'ABANDONED' THEN DATEDIFF(SECOND, offered_at, ended_at)
                         END AS BIGINT) AS wait_seconds,
                    CAST(COALESCE(talk_seconds, 0) AS BIGINT) AS talk,
                    CAST(COALESCE(wrap_up_seconds, 0) AS BIGINT) AS wrap_up,
                    CAST(DATEDIFF(SECOND, offered_at, ended_at) AS BIGINT) AS resolution,
                """);
        appendServiceLevelSeconds(query);
        query.append("  FROM " + table + "\n  WHERE offered_at >= ? AND offered_at < ?", day.start(), day.end())
                .append(" AND direction = 'INBOUND' AND queue_id IS NOT NULL AND " + VALID);
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
                  SELECT agent_id, agent_name, queue_id, direction,
                """)
                .append("    DATEDIFF(SECOND, CAST(? AS DATETIME2), answered_at) / CAST(? AS INT) AS interval_index,\n",
                        day.start(), (int) day.intervalSeconds())
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
            query.append(" WHEN channel = ? THEN CAST(? AS INT)", SqlQuery.varchar(channel.getKey()), channel.getValue());
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
