package com.wixanswers.wfm.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text built together with its parameters, so every value is bound, never spliced. Instants are bound
 * as UTC {@code LocalDateTime}s: the contract's columns are UTC {@code DATETIME2} values, and this keeps the
 * JVM's own time zone out of it.
 */
public final class SqlQuery {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** Appends {@code sql}, whose {@code ?} placeholders take {@code values} in order. */
    public SqlQuery append(String sql, Object... values) {
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != values.length) {
            throw new IllegalArgumentException(placeholders + " placeholders but " + values.length + " values in: "
                    + sql);
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

    /** Binds one value, an {@link Instant} as a UTC {@code LocalDateTime}. */
    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        statement.setObject(index, value instanceof Instant instant
                ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
    }
}
