package com.wixanswers.wfm.demo;

import com.wixanswers.wfm.sql.TableName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

/**
 * Generates a forecasting job's output: for each skill, every interval of some local days, with a daily curve of
 * volume, handling times, and agents where the skill has them; each interval forecast twice (an older run and a
 * newer one, which must win). Seeded, so that a run is reproducible.
 */
public final class ForecastGenerator {
    private ForecastGenerator() {
    }

    /** Writes the rows and answers how many. */
    public static long fill(Connection connection, TableName table, List<String> skills, LocalDate firstDay,
                            int days, int intervalMinutes, ZoneId zone, Instant createdAt, long seed)
            throws SQLException {
        Random random = new Random(seed);
        try (BatchInsert insert = new BatchInsert(connection, ForecastsSchema.insertSql(table))) {
            for (String skill : skills) {
                boolean withAgents = random.nextInt(4) != 0;
                for (Instant start = firstDay.atStartOfDay(zone).toInstant(),
                     end = firstDay.plusDays(days).atStartOfDay(zone).toInstant(); start.isBefore(end);
                     start = start.plus(Duration.ofMinutes(intervalMinutes))) {
                    int hour = start.atZone(zone).getHour();
                    double curve = hour < 7 || hour > 20 ? 0.1 : 1 + Math.sin((hour - 7) / 13.0 * Math.PI);
                    for (int version = 0; version < 2; version++) {
                        BigDecimal tasks = decimal(curve * (5 + random.nextDouble() * 20) * intervalMinutes / 15);
                        ForecastsSchema.bind(insert.row, skill, start, intervalMinutes, tasks,
                                decimal(120 + random.nextDouble() * 300), decimal(random.nextDouble() * 60),
                                withAgents ? decimal(tasks.doubleValue() / 3) : null,
                                createdAt.plus(Duration.ofHours(version)));
                        insert.add();
                    }
                }
            }
            return insert.finish();
        }
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }
}
