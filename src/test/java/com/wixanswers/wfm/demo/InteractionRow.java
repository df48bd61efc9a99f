package com.wixanswers.wfm.demo;

import com.wixanswers.wfm.sql.TableName;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** One row of the contract's interactions table, as the demo, the benchmark and the tests write it. */
public class InteractionRow {
    public String id;
    public String channel;
    public String direction;
    public String queueId;
    public String queueName;
    public String agentId;
    public String agentName;
    public Instant offeredAt;
    public Instant answeredAt;
    public Instant endedAt;
    public Integer talkSeconds;
    public Integer wrapUpSeconds;
    public String outcome;
    public boolean transferred;

    /** The INSERT whose parameters {@link #bind} fills. */
    public static String insertSql(TableName table) {
        return "INSERT INTO " + table + " (interaction_id, channel, direction, queue_id, queue_name, agent_id,"
                + " agent_name, offered_at, answered_at, ended_at, talk_seconds, wrap_up_seconds, outcome,"
                + " transferred) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** Binds this row to {@link #insertSql}'s parameters; instants as UTC, as the contract's columns hold them. */
    public void bind(PreparedStatement insert) throws SQLException {
        insert.setString(1, id);
        insert.setString(2, channel);
        insert.setString(3, direction);
        insert.setString(4, queueId);
        insert.setString(5, queueName);
        insert.setString(6, agentId);
        insert.setString(7, agentName);
        setTime(insert, 8, offeredAt);
        setTime(insert, 9, answeredAt);
        setTime(insert, 10, endedAt);
        setInteger(insert, 11, talkSeconds);
        setInteger(insert, 12, wrapUpSeconds);
        insert.setString(13, outcome);
        insert.setBoolean(14, transferred);
    }

    private static void setTime(PreparedStatement insert, int index, Instant value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.TIMESTAMP);
        } else {
            insert.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static void setInteger(PreparedStatement insert, int index, Integer value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.INTEGER);
        } else {
            insert.setInt(index, value);
        }
    }
}
