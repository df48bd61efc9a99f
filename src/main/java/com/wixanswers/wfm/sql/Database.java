package com.wixanswers.wfm.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The reporting database, reached by a JDBC URL: mssql-jdbc for Azure SQL / SQL Server (Microsoft Entra
 * authentication is chosen in the URL, e.g. {@code authentication=ActiveDirectoryManagedIdentity}), H2 in
 * {@code MODE=MSSQLServer} locally and in tests. Keeps a few idle connections for reuse, because opening one
 * to Azure SQL with a token costs far more than the queries the activities run on it.
 */
public final class Database implements AutoCloseable {
    private static final long REVALIDATE_AFTER_NANOS = 30_000_000_000L;

    private final String jdbcUrl;
    private final int maxIdle;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    private record Idle(Connection connection, long since) {
    }

    /** Work on a borrowed connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public Database(String jdbcUrl, int maxIdle) {
        this.jdbcUrl = jdbcUrl;
        this.maxIdle = maxIdle;
    }

    /**
     * Runs {@code work} on a pooled connection.
     *
     * @param purpose what is being done, for the error message ("listing the queues of 2026-11-27")
     * @throws DatabaseException when the database fails
     */
    public <T> T run(String purpose, Work<T> work) {
        Connection connection = borrow(purpose);
        boolean healthy = false;
        try {
            T result = work.run(connection);
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw new DatabaseException(purpose + " failed: " + e.getMessage() + " (SQL state " + e.getSQLState()
                    + ")", e);
        } finally {
            giveBack(connection, healthy);
        }
    }

    private Connection borrow(String purpose) {
        while (true) {
            Idle candidate;
            synchronized (idle) {
                candidate = idle.pollFirst();
            }
            if (candidate == null) {
                try {
                    return DriverManager.getConnection(jdbcUrl);
                } catch (SQLException e) {
                    throw new DatabaseException(purpose + " failed: cannot connect to the database of"
                            + " SQL_CONNECTION_STRING: " + e.getMessage(), e);
                }
            }
            if (System.nanoTime() - candidate.since() < REVALIDATE_AFTER_NANOS || isValid(candidate.connection())) {
                return candidate.connection();
            }
            closeQuietly(candidate.connection());
        }
    }

    private void giveBack(Connection connection, boolean healthy) {
        if (healthy) {
            synchronized (idle) {
                if (!closed && idle.size() < maxIdle) {
                    idle.addFirst(new Idle(connection, System.nanoTime()));
                    return;
                }
            }
        }
        closeQuietly(connection);
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a broken connection is dropped either way
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(entry -> closeQuietly(entry.connection()));
            idle.clear();
        }
    }
}
