package com.wixanswers.wfm.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text built together with its parameters, so every value is bound, never spliced. Instants are bound as UTC
 * {@code LocalDateTime}s: the contracts' columns are UTC {@code DATETIME2} values, and this keeps the JVM's own
 * time zone out of it. Text is bound with its column's type: mssql-jdbc sends a plain string as NVARCHAR, which
 * against a VARCHAR column converts the column and rules out an index seek.
 */
public final class SqlQuery {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** Text for a {@code VARCHAR} column (the interactions' keys). */
    public record Varchar(String value) {
    }

    /** Text for an {@code NVARCHAR} column (the forecasts' skill names, which may be in any script). */
    public record Nvarchar(String value) {
    }

    public static Varchar varchar(String value) {
        return new Varchar(value);
    }

    public static Nvarchar nvarchar(String value) {
        return new Nvarchar(value);
    }

    /** Appends {@code sql}, whose {@code ?} placeholders take {@code values} in order. */
    public SqlQuery append(String sql, Object... values) {
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != values.length) {
            throw new IllegalArgumentException(placeholders + " placeholders but " + values.length + " values in: "
                    + sql);
        }
        for (Object value : values) {
            if (value instanceof String) {
                throw new IllegalArgumentException("bind text as SqlQuery.varchar or SqlQuery.nvarchar, after its"
                        + " column's type: " + sql);
            }
        }
        text.append(sql);
        parameters.addAll(List.of(values));
        return this;
    }

    public String text() {
        return text.toString();
    }

    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        for (int index = 0; index < parameters.size(); index++) {
            bind(statement, index + 1, parameters.get(index));
        }
        return statement;
    }

    /** Binds one value: an {@link Instant} as a UTC {@code LocalDateTime}, text as its column's type. */
    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof Varchar varchar) {
            statement.setObject(index, varchar.value(), Types.VARCHAR);
        } else if (value instanceof Nvarchar nvarchar) {
            statement.setNString(index, nvarchar.value());
        } else {
            statement.setObject(index, value);
        }
    }
}
