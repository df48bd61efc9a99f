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
     * Agent rows (interactions.md, "Agent stats"): each agent's work summed per interval, with the agent's greatest
     * name of the day; in agent then interval order.
     */
    public static List<AgentStatsRow> agentRows(List<AgentWork> work) {
        Map<String, String> names = new HashMap<>();
        Map<List<Object>, long[]> sums = new TreeMap<>(AGENT_INTERVAL);
        for (AgentWork w : work) {
            names.merge(w.agentId(), nameOrEmpty(w.agentName()), DayRows::greatest);
            long[] sum = sums.computeIfAbsent(List.of(w.agentId(), w.intervalStart()), key -> new long[7]);
            boolean inbound = w.direction().equals("INBOUND");
            sum[0] += w.answered();
            sum[1] += inbound ? w.answered() : 0;
            sum[2] += w.direction().equals("OUTBOUND") ? w.answered() : 0;
            sum[3] += inbound && w.queueId() == null ? w.answered() : 0;
            sum[4] += w.talkSeconds();
            sum[5] += w.wrapUpSeconds();
            sum[6] += w.transferredOut();
        }
        List<AgentStatsRow> rows = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> rows.add(new AgentStatsRow((String) key.get(0),
                emptyToNull(names.get((String) key.get(0))), (Instant) key.get(1), sum[0], sum[1], sum[2], sum[3],
                sum[4], sum[5], sum[4] + sum[5], sum[6])));
        return rows;
    }

    /**
     * Agent-queue rows (interactions.md, "Agent-queue stats"): each agent's work in a queue summed per interval
     * over both directions; work outside a queue has none. In agent, queue, then interval order.
     */
    public static List<AgentQueueStatsRow> agentQueueRows(List<AgentWork> work) {
        Map<List<Object>, long[]> sums = new TreeMap<>(AGENT_QUEUE_INTERVAL);
        for (AgentWork w : work) {
            if (w.queueId() == null) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(List.of(w.agentId(), w.queueId(), w.intervalStart()),
                    key -> new long[4]);
            sum[0] += w.answered();
            sum[1] += w.talkSeconds();
            sum[2] += w.wrapUpSeconds();
            sum[3] += w.transferredOut();
        }
        List<AgentQueueStatsRow> rows = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> rows.add(new AgentQueueStatsRow((String) key.get(0), (String) key.get(1),
                (Instant) key.get(2), sum[0], sum[1], sum[2], sum[3])));
        return rows;
    }

    private static final Comparator<List<Object>> AGENT_INTERVAL = Comparator
            .comparing((List<Object> key) -> (String) key.get(0))
            .thenComparing(key -> (Instant) key.get(1));

    private static final Comparator<List<Object>> AGENT_QUEUE_INTERVAL = Comparator
            .comparing((List<Object> key) -> (String) key.get(0))
            .thenComparing(key -> (String) key.get(1))
            .thenComparing(key -> (Instant) key.get(2));

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
