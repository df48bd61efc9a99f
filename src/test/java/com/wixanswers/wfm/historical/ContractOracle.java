package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.calabrio.AgentQueueStatsRow;
import com.wixanswers.wfm.calabrio.AgentStatsRow;
import com.wixanswers.wfm.calabrio.QueueStatsRow;
import com.wixanswers.wfm.config.Settings.StatisticsSettings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * interactions.md transcribed into plain Java, row by row, independently of the SQL: the reference the SQL's
 * figures are compared with on generated data.
 */
final class ContractOracle {
    private static final Set<String> DIRECTIONS = Set.of("INBOUND", "OUTBOUND");
    private static final Set<String> OUTCOMES = Set.of("ANSWERED", "ABANDONED", "OVERFLOWED", "OPEN");

    record Interaction(String id, String channel, String direction, String queueId, String queueName,
                       String agentId, String agentName, Instant offeredAt, Instant answeredAt, Instant endedAt,
                       Integer talkSeconds, Integer wrapUpSeconds, String outcome, boolean transferred) {

        boolean valid() {
            return withinAYear(answeredAt) && withinAYear(endedAt)
                    && (talkSeconds == null || talkSeconds >= 0)
                    && (wrapUpSeconds == null || wrapUpSeconds >= 0)
                    && DIRECTIONS.contains(direction) && OUTCOMES.contains(outcome);
        }

        /** Null, or from the offer to 366 days after it. */
        private boolean withinAYear(Instant at) {
            return at == null || (!at.isBefore(offeredAt) && !at.isAfter(offeredAt.plus(Duration.ofDays(366))));
        }

        boolean answered() {
            return answeredAt != null;
        }

        boolean abandoned() {
            return outcome.equals("ABANDONED") && answeredAt == null;
        }

        /** wait: to the answer, or for an abandon to its end; null where neither applies. */
        Long waitSeconds() {
            if (answered()) {
                return seconds(offeredAt, answeredAt);
            }
            if (abandoned() && endedAt != null) {
                return seconds(offeredAt, endedAt);
            }
            return null;
        }

        long talk() {
            return talkSeconds == null ? 0 : talkSeconds;
        }

        long wrapUp() {
            return wrapUpSeconds == null ? 0 : wrapUpSeconds;
        }
    }

    private ContractOracle() {
    }

    /** A code as SQL Server's default collation compares it: case and trailing blanks aside. */
    private static String code(String value) {
        return value == null ? null : value.stripTrailing().toUpperCase(Locale.ROOT);
    }

    static List<Interaction> readAll(Connection connection) throws SQLException {
        List<Interaction> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT * FROM interactions")) {
            while (r.next()) {
                rows.add(new Interaction(r.getString("interaction_id"), code(r.getString("channel")),
                        code(r.getString("direction")), r.getString("queue_id"), r.getString("queue_name"),
                        r.getString("agent_id"), r.getString("agent_name"), instant(r, "offered_at"),
                        instant(r, "answered_at"), instant(r, "ended_at"),
                        (Integer) r.getObject("talk_seconds"), (Integer) r.getObject("wrap_up_seconds"),
                        code(r.getString("outcome")), r.getBoolean("transferred")));
            }
        }
        return rows;
    }

    static List<QueueStatsRow> queueRows(List<Interaction> all, StatsDay day, StatisticsSettings rules) {
        List<Interaction> population = all.stream()
                .filter(i -> i.valid() && i.direction().equals("INBOUND") && i.queueId() != null
                        && inDay(day, i.offeredAt()))
                .toList();
        Map<String, List<Interaction>> byQueue = population.stream()
                .collect(Collectors.groupingBy(Interaction::queueId, TreeMap::new, Collectors.toList()));
        List<QueueStatsRow> rows = new ArrayList<>();
        byQueue.forEach((queue, interactions) -> {
            String name = interactions.stream().map(Interaction::queueName).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            for (int index = 0; index < day.intervalCount(); index++) {
                int interval = index;
                List<Interaction> in = interactions.stream()
                        .filter(i -> intervalIndexOf(day, i.offeredAt()) == interval).toList();
                rows.add(queueRow(queue, name, day.intervalStart(index), in, rules));
            }
        });
        return rows;
    }

    private static QueueStatsRow queueRow(String queue, String name, Instant start, List<Interaction> in,
                                          StatisticsSettings rules) {
        long answered = 0, withinSl = 0, abandoned = 0, shortAbandons = 0, abandonedWithinSl = 0, overflow = 0;
        long answeredWait = 0, longestAnsweredWait = 0, abandonedWait = 0, longestAbandonedWait = 0;
        long talk = 0, wrapUp = 0, resolved = 0, resolution = 0;
        for (Interaction i : in) {
            int sl = rules.serviceLevelSecondsByChannel().getOrDefault(i.channel(), rules.serviceLevelSeconds());
            Long wait = i.waitSeconds();
            if (i.answered()) {
                answered++;
                if (wait <= sl) {
                    withinSl++;
                }
                answeredWait += wait;
                longestAnsweredWait = Math.max(longestAnsweredWait, wait);
                talk += i.talk();
                wrapUp += i.wrapUp();
                if (i.endedAt() != null) {
                    resolved++;
                    resolution += seconds(i.offeredAt(), i.endedAt());
                }
            }
            if (i.abandoned()) {
                abandoned++;
                if (wait != null) {
                    boolean isShort = wait < rules.shortAbandonSeconds();
                    if (isShort) {
                        shortAbandons++;
                    } else if (wait <= sl) {
                        abandonedWithinSl++;
                    }
                    abandonedWait += wait;
                    longestAbandonedWait = Math.max(longestAbandonedWait, wait);
                }
            }
            if (i.outcome().equals("OVERFLOWED") && i.answeredAt() == null) {
                overflow++;
            }
        }
        return new QueueStatsRow(queue, name, start, in.size(), answered, withinSl, abandoned, shortAbandons,
                abandonedWithinSl, overflow, answeredWait, longestAnsweredWait, abandonedWait, longestAbandonedWait,
                talk, wrapUp, resolved, resolution);
    }

    static List<AgentStatsRow> agentRows(List<Interaction> all, StatsDay day) {
        List<Interaction> population = all.stream()
                .filter(i -> i.valid() && i.agentId() != null && i.answeredAt() != null
                        && inDay(day, i.answeredAt()))
                .toList();
        Map<String, String> names = new TreeMap<>();
        population.stream().filter(i -> i.agentName() != null)
                .forEach(i -> names.merge(i.agentId(), i.agentName(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
        Map<String, Map<Integer, List<Interaction>>> groups = population.stream().collect(Collectors.groupingBy(
                Interaction::agentId, TreeMap::new,
                Collectors.groupingBy(i -> intervalIndexOf(day, i.answeredAt()), TreeMap::new, Collectors.toList())));
        List<AgentStatsRow> rows = new ArrayList<>();
        groups.forEach((agent, intervals) -> intervals.forEach((index, in) -> {
            long talk = in.stream().mapToLong(Interaction::talk).sum();
            long wrapUp = in.stream().mapToLong(Interaction::wrapUp).sum();
            rows.add(new AgentStatsRow(agent, names.get(agent), day.intervalStart(index), in.size(),
                    in.stream().filter(i -> i.direction().equals("INBOUND")).count(),
                    in.stream().filter(i -> i.direction().equals("OUTBOUND")).count(),
                    in.stream().filter(i -> i.direction().equals("INBOUND") && i.queueId() == null).count(),
                    talk, wrapUp, talk + wrapUp, in.stream().filter(Interaction::transferred).count()));
        }));
        return rows;
    }

    static List<AgentQueueStatsRow> agentQueueRows(List<Interaction> all, StatsDay day) {
        Map<List<Object>, List<Interaction>> groups = all.stream()
                .filter(i -> i.valid() && i.agentId() != null && i.queueId() != null && i.answeredAt() != null
                        && inDay(day, i.answeredAt()))
                .collect(Collectors.groupingBy(
                        i -> List.of(i.agentId(), i.queueId(), intervalIndexOf(day, i.answeredAt()))));
        return groups.entrySet().stream().map(group -> {
            List<Interaction> in = group.getValue();
            return new AgentQueueStatsRow((String) group.getKey().get(0), (String) group.getKey().get(1),
                    day.intervalStart((Integer) group.getKey().get(2)), in.size(),
                    in.stream().mapToLong(Interaction::talk).sum(), in.stream().mapToLong(Interaction::wrapUp).sum(),
                    in.stream().filter(Interaction::transferred).count());
        }).sorted(ORDER).toList();
    }

    static final Comparator<AgentQueueStatsRow> ORDER = Comparator.comparing(AgentQueueStatsRow::agentId)
            .thenComparing(AgentQueueStatsRow::queueId).thenComparing(AgentQueueStatsRow::intervalStart);

    static long invalidCount(List<Interaction> all, StatsDay day) {
        return all.stream().filter(i -> !i.valid()
                && (inDay(day, i.offeredAt()) || (i.answeredAt() != null && inDay(day, i.answeredAt())))).count();
    }

    private static boolean inDay(StatsDay day, Instant instant) {
        return !instant.isBefore(day.start()) && instant.isBefore(day.end());
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds();
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        LocalDateTime value = r.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** The contract's interval of an instant of the day: [start + i*len, start + (i+1)*len). */
    private static int intervalIndexOf(StatsDay day, java.time.Instant instant) {
        if (instant.isBefore(day.start()) || !instant.isBefore(day.end())) {
            throw new IllegalArgumentException(instant + " is outside " + day.date());
        }
        return (int) (java.time.Duration.between(day.start(), instant).getSeconds() / day.intervalSeconds());
    }
}
