package com.wixanswers.wfm.testing;

import com.wixanswers.wfm.demo.InteractionRow;
import com.wixanswers.wfm.demo.InteractionsSchema;
import com.wixanswers.wfm.sql.Database;
import com.wixanswers.wfm.sql.TableName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** An in-memory H2 database in SQL Server mode holding the contract's interactions table. */
public final class TestDatabase implements AutoCloseable {
    public static final TableName TABLE = new TableName("interactions");

    private final String url = "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=MSSQLServer";
    private final Connection keepAlive;
    private int generatedIds;

    public TestDatabase() {
        try {
            keepAlive = DriverManager.getConnection(url);
            InteractionsSchema.create(keepAlive, TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return url;
    }

    public Connection connection() {
        return keepAlive;
    }

    public Database database() {
        return new Database(url, 4);
    }

    /** A new row with every non-null column filled; adjust it, then {@link Row#insert()}. */
    public Row row() {
        return new Row("i-" + (++generatedIds));
    }

    @Override
    public void close() throws SQLException {
        keepAlive.createStatement().execute("SHUTDOWN");
    }

    /** One interaction, defaulting to an inbound CALL offered to q-1 at 09:00 UTC on 2026-11-27, unanswered. */
    public final class Row extends InteractionRow {
        Row(String id) {
            this.id = id;
            channel = "CALL";
            direction = "INBOUND";
            queueId = "q-1";
            queueName = "Billing";
            offeredAt = Instant.parse("2026-11-27T09:00:00Z");
            outcome = "ABANDONED";
        }

        public Row id(String value) { id = value; return this; }
        public Row channel(String value) { channel = value; return this; }
        public Row direction(String value) { direction = value; return this; }
        public Row queue(String id, String name) { queueId = id; queueName = name; return this; }
        public Row noQueue() { queueId = null; queueName = null; return this; }
        public Row agent(String id, String name) { agentId = id; agentName = name; return this; }
        public Row offered(String instant) { offeredAt = Instant.parse(instant); return this; }
        public Row answeredAfter(int seconds) { answeredAt = offeredAt.plusSeconds(seconds); return this; }
        public Row endedAfter(int seconds) { endedAt = offeredAt.plusSeconds(seconds); return this; }
        public Row noEnd() { endedAt = null; return this; }
        public Row endedAt(String instant) { endedAt = Instant.parse(instant); return this; }
        public Row answeredAt(String instant) { answeredAt = Instant.parse(instant); return this; }
        public Row talk(Integer seconds) { talkSeconds = seconds; return this; }
        public Row wrapUp(Integer seconds) { wrapUpSeconds = seconds; return this; }
        public Row outcome(String value) { outcome = value; return this; }
        public Row transferred() { transferred = true; return this; }

        /** Answered by {@code agent} after {@code wait} seconds, talked {@code talk}, wrapped up {@code wrap}. */
        public Row answered(String agent, int wait, int talk, int wrap) {
            agentId = agent;
            agentName = "Agent " + agent;
            answeredAt = offeredAt.plusSeconds(wait);
            endedAt = answeredAt.plusSeconds(talk);
            talkSeconds = talk;
            wrapUpSeconds = wrap;
            outcome = "ANSWERED";
            return this;
        }

        public Row insert() {
            try (PreparedStatement insert = keepAlive.prepareStatement(InteractionRow.insertSql(TABLE))) {
                bind(insert);
                insert.executeUpdate();
                return this;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
