package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.calabrio.AgentQueueStatsRow;
import com.wixanswers.wfm.calabrio.AgentStatsRow;
import com.wixanswers.wfm.calabrio.QueueStatsRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns what the database aggregates into the rows a day sends: every interval of the day for each queue (zeros
 * where nothing happened), the agent and agent-queue figures rolled up from the agents' work, and the day's
 * greatest non-null name on every row of a queue or agent.
 */
public final class DayRows {
    private DayRows() {
    }

    /** Every interval of the day for each queue in {@code figures}, in queue then interval order. */
    public static List<QueueStatsRow> queueRows(StatsDay day, List<QueueStatsRow> figures) {
        Map<String, Map<Instant, QueueStatsRow>> byQueue = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        figures.stream().sorted(Comparator.comparing(QueueStatsRow::queueId)).forEach(row -> {
            byQueue.computeIfAbsent(row.queueId(), id -> new HashMap<>()).put(row.intervalStart(), row);
            names.merge(row.queueId(), nameOrEmpty(row.queueName()), DayRows::greatest);
        });
        List<QueueStatsRow> rows = new ArrayList<>(byQueue.size() * day.intervalCount());
        byQueue.forEach((queueId, intervals) -> {
            String name = emptyToNull(names.get(queueId));
            for (Instant start : day.intervalStarts()) {
                QueueStatsRow row = intervals.get(start);
                rows.add(row == null ? QueueStatsRow.empty(queueId, name, start) : row.withQueueName(name));
            }
        });
        return rows;
    }

    /**
     * Agent rows (docs/contracts/interactions.md, "Agent statistics"): each agent's work summed per interval, with the
     * agent's greatest name of the day; in agent then interval order.
     */
    public static List<AgentStatsRow> agentRows(List<AgentWork> work) {
        Map<String, String> names = new HashMap<>();
        Map<AgentInterval, AgentStatsRow> sums = new TreeMap<>();
        for (AgentWork w : work) {
            names.merge(w.agentId(), nameOrEmpty(w.agentName()), DayRows::greatest);
            sums.merge(new AgentInterval(w.agentId(), w.intervalStart()), agentRowOf(w), DayRows::plus);
        }
        return sums.values().stream().map(row -> row.withAgentName(emptyToNull(names.get(row.agentId())))).toList();
    }

    /**
     * Agent-queue rows (docs/contracts/interactions.md, "Agent-queue statistics"): each agent's work in a queue summed
     * per interval over both directions; work outside a queue has none. In agent, queue, then interval order.
     */
    public static List<AgentQueueStatsRow> agentQueueRows(List<AgentWork> work) {
        Map<AgentQueueInterval, AgentQueueStatsRow> sums = new TreeMap<>();
        for (AgentWork w : work) {
            if (w.queueId() != null) {
                sums.merge(new AgentQueueInterval(w.agentId(), w.queueId(), w.intervalStart()),
                        new AgentQueueStatsRow(w.agentId(), w.queueId(), w.intervalStart(), w.answered(),
                                w.talkSeconds(), w.wrapUpSeconds(), w.transferredOut()), DayRows::plus);
            }
        }
        return List.copyOf(sums.values());
    }

    /** One piece of work as an agent row of its own; the day's name is set once all are summed. */
    private static AgentStatsRow agentRowOf(AgentWork w) {
        boolean inbound = w.direction().equals("INBOUND");
        long answered = w.answered();
        return new AgentStatsRow(w.agentId(), null, w.intervalStart(), answered, inbound ? answered : 0,
                w.direction().equals("OUTBOUND") ? answered : 0, inbound && w.queueId() == null ? answered : 0,
                w.talkSeconds(), w.wrapUpSeconds(), w.talkSeconds() + w.wrapUpSeconds(), w.transferredOut());
    }

    private static AgentStatsRow plus(AgentStatsRow a, AgentStatsRow b) {
        return new AgentStatsRow(a.agentId(), a.agentName(), a.intervalStart(), a.handled() + b.handled(),
                a.inboundHandled() + b.inboundHandled(), a.outboundHandled() + b.outboundHandled(),
                a.directInboundHandled() + b.directInboundHandled(), a.talkSeconds() + b.talkSeconds(),
                a.wrapUpSeconds() + b.wrapUpSeconds(), a.handleSeconds() + b.handleSeconds(),
                a.transferredOut() + b.transferredOut());
    }

    private static AgentQueueStatsRow plus(AgentQueueStatsRow a, AgentQueueStatsRow b) {
        return new AgentQueueStatsRow(a.agentId(), a.queueId(), a.intervalStart(), a.answered() + b.answered(),
                a.talkSeconds() + b.talkSeconds(), a.wrapUpSeconds() + b.wrapUpSeconds(),
                a.transferredOut() + b.transferredOut());
    }

    private record AgentInterval(String agentId, Instant intervalStart) implements Comparable<AgentInterval> {
        private static final Comparator<AgentInterval> ORDER = Comparator.comparing(AgentInterval::agentId)
                .thenComparing(AgentInterval::intervalStart);

        @Override
        public int compareTo(AgentInterval other) {
            return ORDER.compare(this, other);
        }
    }

    private record AgentQueueInterval(String agentId, String queueId, Instant intervalStart)
            implements Comparable<AgentQueueInterval> {
        private static final Comparator<AgentQueueInterval> ORDER = Comparator
                .comparing(AgentQueueInterval::agentId)
                .thenComparing(AgentQueueInterval::queueId)
                .thenComparing(AgentQueueInterval::intervalStart);

        @Override
        public int compareTo(AgentQueueInterval other) {
            return ORDER.compare(this, other);
        }
    }

    // A null name is kept as "" while merging (Map.merge refuses null values); "" sorts below any real name.
    private static String nameOrEmpty(String name) {
        return Objects.requireNonNullElse(name, "");
    }

    private static String emptyToNull(String name) {
        return name == null || name.isEmpty() ? null : name;
    }

    private static String greatest(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
