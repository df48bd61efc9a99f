package com.wixanswers.wfm.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One INSERT statement filled with many rows: sent and committed every {@link #BATCH} rows, so that a generated
 * week loads fast without holding it all; the connection's auto-commit is put back on close.
 */
final class BatchInsert implements AutoCloseable {
    private static final int BATCH = 2_000;

    private final Connection connection;
    private final boolean autoCommit;
    /** Bind a row's values here, then {@link #add()} it. */
    final PreparedStatement row;
    private int pending;
    private long written;

    BatchInsert(Connection connection, String insertSql) throws SQLException {
        this.connection = connection;
        this.autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        this.row = connection.prepareStatement(insertSql);
    }

    /** Adds the row bound to {@link #row}. */
    void add() throws SQLException {
        row.addBatch();
        written++;
        if (++pending == BATCH) {
            flush();
        }
    }

    /** Sends the last rows; answers how many were written in all. */
    long finish() throws SQLException {
        flush();
        return written;
    }

    private void flush() throws SQLException {
        row.executeBatch();
        connection.commit();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            row.close();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
