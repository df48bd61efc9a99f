package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.sql.TableContract;
import com.wixanswers.wfm.sql.TableContract.Kind;

import java.util.List;

import static com.wixanswers.wfm.sql.TableContract.column;
import static com.wixanswers.wfm.sql.TableContract.index;

/**
 * The interactions table or view (docs/contracts/interactions.md): the only columns {@link InteractionStatistics}
 * reads, and the indexes it seeks on (a day's queues and agents from that day's rows; one queue's or agent's day).
 */
public final class InteractionsContract {
    public static final TableContract INTERACTIONS = new TableContract("interactions", List.of(
            column("interaction_id", "VARCHAR(64)", Kind.TEXT, false),
            column("channel", "VARCHAR(16)", Kind.TEXT, false),
            column("direction", "VARCHAR(8)", Kind.TEXT, false),
            column("queue_id", "VARCHAR(64)", Kind.TEXT, true),
            column("queue_name", "NVARCHAR(200)", Kind.TEXT, true),
            column("agent_id", "VARCHAR(64)", Kind.TEXT, true),
            column("agent_name", "NVARCHAR(200)", Kind.TEXT, true),
            column("offered_at", "DATETIME2(0)", Kind.DATE_TIME, false),
            column("answered_at", "DATETIME2(0)", Kind.DATE_TIME, true),
            column("ended_at", "DATETIME2(0)", Kind.DATE_TIME, true),
            column("talk_seconds", "INT", Kind.WHOLE_NUMBER, true),
            column("wrap_up_seconds", "INT", Kind.WHOLE_NUMBER, true),
            column("outcome", "VARCHAR(16)", Kind.TEXT, false),
            column("transferred", "BIT", Kind.BIT, false)),
            List.of(index(List.of("offered_at"), List.of("queue_id")),
                    index(List.of("answered_at"), List.of("agent_id")),
                    index(List.of("queue_id", "offered_at"), List.of()),
                    index(List.of("agent_id", "answered_at"), List.of())));

    private InteractionsContract() {
    }
}
