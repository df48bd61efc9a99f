package com.wixanswers.wfm.demo;

import com.wixanswers.wfm.forecast.ForecastsContract;
import com.wixanswers.wfm.sql.TableName;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The forecasts table of forecasts.md with its recommended index, as DDL both SQL Server and H2 accept, and a way
 * to add rows to it. The demo, the benchmark and the tests create it; in production the forecasting job writes it.
 */
public final class ForecastsSchema {
    private ForecastsSchema() {
    }

    public static void create(Connection connection, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(ForecastsContract.FORECASTS.createTable(table));
            for (String index : ForecastsContract.FORECASTS.createIndexes(table, false)) {
                statement.execute(index);
            }
        }
    }

    public static String insertSql(TableName table) {
        return "INSERT INTO " + table + " (skill_name, interval_start, interval_minutes, tasks, avg_task_seconds,"
                + " avg_after_task_seconds, agents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** Binds one row to {@link #insertSql}'s statement. */
    public static void bind(PreparedStatement insert, String skill, Instant start, int minutes, BigDecimal tasks,
                            BigDecimal taskSeconds, BigDecimal afterTaskSeconds, BigDecimal agents, Instant createdAt)
            throws SQLException {
        insert.setNString(1, skill);
        insert.setObject(2, LocalDateTime.ofInstant(start, ZoneOffset.UTC));
        insert.setInt(3, minutes);
        insert.setBigDecimal(4, tasks);
        insert.setBigDecimal(5, taskSeconds);
        insert.setBigDecimal(6, afterTaskSeconds);
        insert.setBigDecimal(7, agents);
        insert.setObject(8, LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC));
    }
}
