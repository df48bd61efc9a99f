package com.wixanswers.wfm.forecast;

import com.wixanswers.wfm.sql.SqlQuery;
import com.wixanswers.wfm.sql.TableName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The forecasts table, read as docs/contracts/forecasts.md has it, in SQL that SQL Server and H2 (MODE=MSSQLServer)
 * both accept: invalid rows are left out before the newest row of each skill and interval is chosen (a window
 * function), so a newer invalid row never hides an older valid one. Skill names are bound as NVARCHAR, the column's
 * type. Recommended index: {@code (skill_name, interval_start, created_at)}.
 */
public final class ForecastQueries {
    /** Calabrio's longest skill name. */
    static final int MAX_SKILL_NAME = 50;

    private final TableName table;

    public ForecastQueries(TableName table) {
        this.table = table;
    }

    /** Why a row is invalid, or NULL: the first reason that holds, in this order. */
    private static String reason() {
        // The grid is checked against the horizon's start (a local midnight) only for rows within it, so that no
        // DATEDIFF ever runs on a placeholder timestamp and overflows SQL Server's INT.
        return "CASE WHEN interval_start < ? OR interval_start >= ? THEN 'outside the horizon'"
                + " WHEN LEN(skill_name) > " + MAX_SKILL_NAME + " THEN 'skill name over 50 characters'"
                + " WHEN interval_minutes NOT IN (15, 30, 60) THEN 'interval_minutes is not 15, 30 or 60'"
                + " WHEN tasks < 0 OR avg_task_seconds < 0 OR avg_after_task_seconds < 0 OR agents < 0"
                + " THEN 'a negative value'"
                + " WHEN DATEDIFF(SECOND, CAST(? AS DATETIME2), interval_start) % (interval_minutes * 60) <> 0"
                + " THEN 'interval_start is off the interval''s grid'"
                + " END";
    }

    /**
     * The skill names the table holds rows for in the horizon, found on the index {@code (skill_name,
     * interval_start, created_at)} alone: one seek to the next name, one to see whether it has a row in the
     * horizon, so the cost follows the number of skills, not of rows.
     */
    public List<String> skillNames(Connection connection, ForecastHorizon horizon) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement first = connection.prepareStatement("SELECT skill_name FROM " + table
                + " ORDER BY skill_name OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY");
             PreparedStatement next = connection.prepareStatement("SELECT skill_name FROM " + table
                     + " WHERE skill_name > ? ORDER BY skill_name OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY");
             PreparedStatement inHorizon = connection.prepareStatement("SELECT skill_name FROM " + table
                     + " WHERE skill_name = ? AND interval_start >= ? AND interval_start < ?"
                     // Any row will do: ordered by the name, which is one, the first found is read (H2 sorted the
                     // skill's rows by interval_start first).
                     + " ORDER BY skill_name OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY")) {
            SqlQuery.bind(inHorizon, 2, horizon.start());
            SqlQuery.bind(inHorizon, 3, horizon.end());
            String current = single(first);
            while (current != null) {
                SqlQuery.bind(inHorizon, 1, SqlQuery.nvarchar(current));
                if (single(inHorizon) != null) {
                    names.add(current);
                }
                SqlQuery.bind(next, 1, SqlQuery.nvarchar(current));
                current = single(next);
            }
        }
        return names;
    }

    private static String single(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        }
    }

    /** A row left out, and why. */
    public record InvalidRow(String skillName, Instant intervalStart, String reason) {
    }

    /**
     * One skill's rows in the horizon, in one pass: the newest valid row of each interval (chosen in the database,
     * among the valid rows only, so that a newer invalid row never hides an older valid one) to {@code valid}, and
     * every invalid row to {@code invalid}, in interval order, as the database streams them.
     *
     * @param storedNames the spellings the table holds the skill under
     */
    public void rows(Connection connection, ForecastHorizon horizon, List<String> storedNames,
                     Consumer<ForecastRow> valid, Consumer<InvalidRow> invalid) throws SQLException {
        SqlQuery query = new SqlQuery().append("SELECT skill_name, interval_start, interval_minutes, tasks,"
                + " avg_task_seconds, avg_after_task_seconds, agents, reason FROM (SELECT checked.*, ROW_NUMBER() OVER"
                + " (PARTITION BY CASE WHEN reason IS NULL THEN 0 ELSE 1 END, interval_start ORDER BY created_at DESC,"
                + " interval_minutes, tasks DESC) AS newest FROM (SELECT f.*, " + reason() + " AS reason FROM " + table
                + " f WHERE interval_start >= ? AND interval_start < ? AND skill_name IN (", horizon.start(),
                horizon.end(), horizon.start(), horizon.start(), horizon.end());
        for (int index = 0; index < storedNames.size(); index++) {
            query.append(index == 0 ? "?" : ", ?", SqlQuery.nvarchar(storedNames.get(index)));
        }
        query.append(")) AS checked) AS ranked WHERE newest = 1 OR reason IS NOT NULL ORDER BY interval_start");
        try (PreparedStatement statement = query.prepare(connection)) {
            statement.setFetchSize(1_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Instant start = rows.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    String reason = rows.getString(8);
                    if (reason != null) {
                        invalid.accept(new InvalidRow(rows.getString(1), start, reason));
                    } else {
                        valid.accept(new ForecastRow(rows.getString(1), start, rows.getInt(3), rows.getBigDecimal(4),
                                rows.getBigDecimal(5), rows.getBigDecimal(6), rows.getBigDecimal(7)));
                    }
                }
            }
        }
    }

    /** How many rows a stored skill name has in the horizon, and its first interval (null when it has none). */
    public record NameRows(long rows, Instant firstIntervalStart) {
    }

    public NameRows rowsOf(Connection connection, ForecastHorizon horizon, String storedName) throws SQLException {
        try (PreparedStatement statement = new SqlQuery().append("SELECT COUNT(*), MIN(interval_start) FROM " + table
                + " WHERE skill_name = ? AND interval_start >= ? AND interval_start < ?", SqlQuery.nvarchar(storedName),
                horizon.start(), horizon.end()).prepare(connection);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            LocalDateTime first = rows.getObject(2, LocalDateTime.class);
            return new NameRows(rows.getLong(1), first == null ? null : first.toInstant(ZoneOffset.UTC));
        }
    }
}
