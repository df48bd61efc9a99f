package com.wixanswers.wfm.historical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A statistics day and its intervals (docs/contracts/interactions.md, "The day and its intervals"): {@code [D 00:00,
 * D+1 00:00)} in the statistics time zone, cut into intervals that start at local midnight and step by the interval
 * length in absolute time. So an hourly day has 24 intervals, 23 on a spring-forward day and 25 on a fall-back day;
 * where a day's length is not a multiple of the interval (a 30-minute shift), the last interval ends with the day. A
 * day may be taken only as far as its intervals had ended by an instant ({@link #endedBy}): then {@code end} is the end
 * of its last ended interval, and every figure, query and row of it stops there.
 */
public record StatsDay(LocalDate date, ZoneId zone, int intervalMinutes, Instant start, Instant end) {

    public static StatsDay of(LocalDate date, ZoneId zone, int intervalMinutes) {
        if (intervalMinutes <= 0) {
            throw new IllegalArgumentException("intervalMinutes must be positive");
        }
        // atStartOfDay picks the first valid instant where a DST gap swallows midnight itself.
        return new StatsDay(date, zone, intervalMinutes, date.atStartOfDay(zone).toInstant(),
                date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public long intervalSeconds() {
        return intervalMinutes * 60L;
    }

    /**
     * The part of this day whose intervals had ended by {@code instant}: the whole day once it is over, none of it
     * before its first interval ends.
     */
    public StatsDay endedBy(Instant instant) {
        if (!instant.isBefore(end)) {
            return this;
        }
        long ended = instant.isBefore(start) ? 0 : Duration.between(start, instant).getSeconds() / intervalSeconds();
        return new StatsDay(date, zone, intervalMinutes, start, start.plusSeconds(ended * intervalSeconds()));
    }

    public int intervalCount() {
        long seconds = Duration.between(start, end).getSeconds();
        return (int) ((seconds + intervalSeconds() - 1) / intervalSeconds());
    }

    /** The UTC start of interval {@code index} (0-based). */
    public Instant intervalStart(int index) {
        if (index < 0 || index >= intervalCount()) {
            throw new IllegalArgumentException("interval " + index + " is outside " + date + " (" + intervalCount()
                    + " intervals)");
        }
        return start.plusSeconds(index * intervalSeconds());
    }

    public List<Instant> intervalStarts() {
        List<Instant> starts = new ArrayList<>(intervalCount());
        for (int index = 0; index < intervalCount(); index++) {
            starts.add(intervalStart(index));
        }
        return starts;
    }
}
