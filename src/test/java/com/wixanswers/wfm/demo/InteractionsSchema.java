package com.wixanswers.wfm.demo;

import com.wixanswers.wfm.sql.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The interactions table of interactions.md with its recommended indexes, as DDL both SQL Server and H2 accept.
 * The demo, the benchmark and the tests create it; in production the customer's view maps onto it.
 */
public final class InteractionsSchema {
    private InteractionsSchema() {
    }

    public static void create(Connection connection, TableName table) throws SQLException {
        String index = table.value().replace('.', '_');
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " ("
                    + " interaction_id VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " channel VARCHAR(16) NOT NULL,"
                    + " direction VARCHAR(8) NOT NULL,"
                    + " queue_id VARCHAR(64) NULL,"
                    + " queue_name NVARCHAR(200) NULL,"
                    + " agent_id VARCHAR(64) NULL,"
                    + " agent_name NVARCHAR(200) NULL,"
                    + " offered_at DATETIME2(0) NOT NULL,"
                    + " answered_at DATETIME2(0) NULL,"
                    + " ended_at DATETIME2(0) NULL,"
                    + " talk_seconds INT NULL,"
                    + " wrap_up_seconds INT NULL,"
                    + " outcome VARCHAR(16) NOT NULL,"
                    + " transferred BIT NOT NULL)");
            statement.execute("CREATE INDEX ix_" + index + "_offered ON " + table + " (offered_at)");
            statement.execute("CREATE INDEX ix_" + index + "_queue_offered ON " + table + " (queue_id, offered_at)");
            statement.execute("CREATE INDEX ix_" + index + "_agent_answered ON " + table + " (agent_id, answered_at)");
        }
    }
}
