package com.wixanswers.wfm.demo;

import com.wixanswers.wfm.historical.InteractionsContract;
import com.wixanswers.wfm.sql.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The interactions table of its contract ({@link InteractionsContract}) with its recommended indexes (H2 takes no
 * {@code INCLUDE}).
 * The demo, the benchmark and the tests create it; in production the customer's view maps onto it.
 */
public final class InteractionsSchema {
    private InteractionsSchema() {
    }

    public static void create(Connection connection, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(InteractionsContract.INTERACTIONS.createTable(table));
            for (String index : InteractionsContract.INTERACTIONS.createIndexes(table, false)) {
                statement.execute(index);
            }
        }
    }
}
