package com.wixanswers.wfm.historical;

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

/**
 * Turns the per-interval figures the database returns into the rows a day sends: every interval of the day for
 * each queue (zeros where nothing happened), and the day's greatest non-null name on every row of a queue or
 * agent.
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

    /** The agent rows with the day's greatest name of each agent, in agent then interval order. */
    public static List<AgentStatsRow> agentRows(List<AgentStatsRow> figures) {
        Map<String, String> names = new HashMap<>();
        figures.forEach(row -> names.merge(row.agentId(), nameOrEmpty(row.agentName()), DayRows::greatest));
        return figures.stream()
                .sorted(Comparator.comparing(AgentStatsRow::agentId).thenComparing(AgentStatsRow::intervalStart))
                .map(row -> row.withAgentName(emptyToNull(names.get(row.agentId()))))
                .toList();
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
