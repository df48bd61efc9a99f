package com.wixanswers.wfm.demo;

import com.wixanswers.wfm.sql.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a realistic contact-center workload into an interactions table: queues on several channels, agents,
 * a business-hours arrival curve in the tenant's time zone, waits, abandons (short and long, a few without an end
 * time), overflows, transfers, open tickets, outbound calls, direct-to-agent contacts, NULL durations, and a
 * sprinkle of invalid rows. Seeded, so a run is reproducible.
 */
public final class InteractionGenerator {
    /** The end a source system writes for "never": valid rows are at most 366 days long. */
    private static final Instant PLACEHOLDER = Instant.parse("9999-12-31T00:00:00Z");
    private static final String[] QUEUE_NAMES = {"Billing", "Sales", "Technical Support", "Returns", "VIP Care",
        "Onboarding", "Shipping", "Accounts", "Partners", "Retention"};
    private static final String[] CHANNELS = {"CALL", "CHAT", "TICKET", "CALL", "EMAIL"};
    private static final String[] FIRST_NAMES = {"Ann", "Ben", "Chloe", "David", "Elif", "Farid", "Grace", "Hugo",
        "Ines", "Jonas", "Kira", "Luis", "Maya", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tess"};
    private static final String[] LAST_NAMES = {"Smith", "Cohen", "Garcia", "Muller", "Rossi", "Novak", "Tanaka",
        "Okafor", "Silva", "Berg"};
    /** Relative arrivals per local hour: quiet nights, a morning peak, a lunch dip, an afternoon peak. */
    private static final double[] HOURLY_WEIGHT = {1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 4, 8, 10, 10, 9, 7, 8, 9, 9, 8,
        6, 4, 3, 2.5, 2, 1.5, 1.2};

    /**
     * What to generate.
     *
     * @param invalidRowsPerDay rows each day that break a validity rule of the contract
     */
    public record Shape(LocalDate firstDay, int days, int interactionsPerDay, int queues, int agents, ZoneId zone,
                        int invalidRowsPerDay, long seed) {
    }

    private InteractionGenerator() {
    }

    public static String queueId(int index) {
        return String.format("q-%03d", index + 1);
    }

    public static String queueName(int index) {
        String base = QUEUE_NAMES[index % QUEUE_NAMES.length];
        return index < QUEUE_NAMES.length ? base : base + " " + (index / QUEUE_NAMES.length + 1);
    }

    public static String firstName(int agent) {
        return FIRST_NAMES[agent % FIRST_NAMES.length];
    }

    public static String lastName(int agent) {
        return LAST_NAMES[(agent / FIRST_NAMES.length) % LAST_NAMES.length];
    }

    public static String agentId(int index) {
        return String.format("agent-%04d", index + 1);
    }

    /** Inserts the interactions and answers how many rows were written. */
    public static long fill(Connection connection, TableName table, Shape shape) throws SQLException {
        Random random = new Random(shape.seed());
        double[] cumulative = cumulativeHourWeights();
        try (BatchInsert insert = new BatchInsert(connection, InteractionRow.insertSql(table))) {
            for (int day = 0; day < shape.days(); day++) {
                LocalDate date = shape.firstDay().plusDays(day);
                for (int n = 0; n < shape.interactionsPerDay(); n++) {
                    InteractionRow row = interaction(random, shape, date, cumulative, "i-" + date + "-" + n);
                    if (n < shape.invalidRowsPerDay()) {
                        row = breakValidity(row, n);
                    } else if (n % 97 == 0) {
                        // Some source systems write codes in lower case; SQL Server's collation accepts them.
                        row.direction = row.direction.toLowerCase(Locale.ROOT);
                    }
                    row.bind(insert.row);
                    insert.add();
                }
            }
            return insert.finish();
        }
    }

    private static InteractionRow interaction(Random random, Shape shape, LocalDate date, double[] cumulative,
                                              String id) {
        InteractionRow row = new InteractionRow();
        row.id = id;
        row.offeredAt = arrival(random, date, shape.zone(), cumulative);
        int agent = random.nextInt(shape.agents());
        double kind = random.nextDouble();
        if (kind < 0.08) {
            // Outbound: an agent dials; no queue.
            row.channel = "CALL";
            row.direction = "OUTBOUND";
            assignAgent(row, agent);
            if (random.nextDouble() < 0.7) {
                answer(row, random, 5 + random.nextInt(25), 60 + random.nextInt(400));
                row.outcome = "ANSWERED";
            } else {
                // Nobody picked up: the dial ended unanswered.
                row.endedAt = row.offeredAt.plusSeconds(20 + random.nextInt(30));
                row.outcome = "ABANDONED";
            }
            return row;
        }
        int queue = random.nextInt(shape.queues());
        row.channel = CHANNELS[queue % CHANNELS.length];
        row.direction = "INBOUND";
        if (kind < 0.12) {
            // Direct to an agent: no queue.
            assignAgent(row, agent);
            answer(row, random, random.nextInt(10), 60 + random.nextInt(300));
            row.outcome = "ANSWERED";
            return row;
        }
        row.queueId = queueId(queue);
        row.queueName = random.nextDouble() < 0.02 ? null : queueName(queue);
        boolean ticket = row.channel.equals("TICKET") || row.channel.equals("EMAIL");
        int wait = ticket ? (int) exponential(random, 4 * 3600) : (int) exponential(random, 14);
        int patience = ticket ? Integer.MAX_VALUE : (int) exponential(random, 240);
        double fate = random.nextDouble();
        if (!ticket && fate < 0.05) {
            row.outcome = "OVERFLOWED";
            row.endedAt = row.offeredAt.plusSeconds(30 + random.nextInt(60));
        } else if (wait > patience) {
            row.outcome = "ABANDONED";
            // A few abandons were never given an end time by the source system.
            row.endedAt = random.nextDouble() < 0.02 ? null : row.offeredAt.plusSeconds(patience);
        } else {
            assignAgent(row, agent);
            int handling = ticket ? 120 + random.nextInt(900) : 90 + (int) exponential(random, 300);
            answer(row, random, wait, handling);
            if (ticket && random.nextDouble() < 0.35) {
                row.endedAt = null;
                row.outcome = "OPEN";
            } else {
                row.outcome = "ANSWERED";
            }
            row.transferred = random.nextDouble() < 0.05;
        }
        return row;
    }

    private static void assignAgent(InteractionRow row, int agent) {
        row.agentId = agentId(agent);
        row.agentName = firstName(agent) + " " + lastName(agent);
    }

    private static void answer(InteractionRow row, Random random, int waitSeconds, int handlingSeconds) {
        row.answeredAt = row.offeredAt.plusSeconds(waitSeconds);
        row.talkSeconds = random.nextDouble() < 0.03 ? null : handlingSeconds;
        row.wrapUpSeconds = random.nextDouble() < 0.05 ? null : 10 + random.nextInt(60);
        int talk = row.talkSeconds == null ? handlingSeconds : row.talkSeconds;
        row.endedAt = row.answeredAt.plusSeconds(talk);
    }

    /** Breaks one validity rule per row, in turn, so every rule is exercised. */
    private static InteractionRow breakValidity(InteractionRow row, int n) {
        switch (n % 5) {
            case 0 -> row.answeredAt = row.offeredAt.minusSeconds(30);
            case 1 -> row.talkSeconds = -5;
            case 2 -> row.direction = "INTERNAL";
            case 3 -> row.endedAt = PLACEHOLDER;
            default -> row.endedAt = row.offeredAt.minusSeconds(60);
        }
        return row;
    }

    private static Instant arrival(Random random, LocalDate date, ZoneId zone, double[] cumulative) {
        double pick = random.nextDouble() * cumulative[cumulative.length - 1];
        int hour = 0;
        while (cumulative[hour] < pick) {
            hour++;
        }
        LocalDateTime local = date.atTime(hour, 0).plusSeconds(random.nextInt(3600));
        Instant instant = local.atZone(zone).toInstant();
        // Keep the interaction in its local day even where a DST shift moves the hour.
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        return instant.isBefore(dayEnd) ? instant : dayEnd.minusSeconds(1 + random.nextInt(600));
    }

    private static double[] cumulativeHourWeights() {
        double[] cumulative = new double[HOURLY_WEIGHT.length];
        double sum = 0;
        for (int hour = 0; hour < HOURLY_WEIGHT.length; hour++) {
            sum += HOURLY_WEIGHT[hour];
            cumulative[hour] = sum;
        }
        return cumulative;
    }

    private static double exponential(Random random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
