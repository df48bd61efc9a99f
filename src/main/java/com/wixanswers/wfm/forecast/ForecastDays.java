package com.wixanswers.wfm.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One skill's rows cut into the horizon's local days, and the days Calabrio would refuse left out with the reason
 * (docs/contracts/forecasts.md, "One interval length per skill"): a day whose rows mix interval lengths; and, since
 * Calabrio's importer takes a skill's intervals in one length only, a day in another length than the skill's others
 * (the length most of its days have, the shorter one on a tie). Pure.
 */
public final class ForecastDays {
    /** A local day of the skill, its rows in interval order. */
    public record Day(LocalDate date, List<ForecastRow> rows) {
        public int intervalMinutes() {
            return rows.get(0).intervalMinutes();
        }
    }

    /** A day left out, and why. */
    public record LeftOut(LocalDate date, String reason) {
    }

    /** The days to send and write, and those left out. */
    public record Split(List<Day> days, List<LeftOut> leftOut) {
        public int intervals() {
            return days.stream().mapToInt(day -> day.rows().size()).sum();
        }
    }

    private ForecastDays() {
    }

    /** @param rows one skill's newest valid rows in interval order, all within the horizon */
    public static Split of(ForecastHorizon horizon, List<ForecastRow> rows) {
        Map<LocalDate, List<ForecastRow>> byDay = new TreeMap<>();
        for (ForecastRow row : rows) {
            byDay.computeIfAbsent(horizon.dayOf(row.intervalStart()), day -> new ArrayList<>()).add(row);
        }
        List<Day> days = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        byDay.forEach((date, dayRows) -> {
            Set<Integer> lengths = dayRows.stream().map(ForecastRow::intervalMinutes)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (lengths.size() > 1) {
                leftOut.add(new LeftOut(date, "mixes " + lengths.stream().map(length -> length + "-minute")
                        .collect(Collectors.joining(" and ")) + " intervals"));
            } else {
                days.add(new Day(date, List.copyOf(dayRows)));
            }
        });
        Map<Integer, Long> daysByLength = days.stream().collect(Collectors.groupingBy(Day::intervalMinutes,
                TreeMap::new, Collectors.counting()));
        if (daysByLength.size() > 1) {
            int length = daysByLength.entrySet().stream()
                    .max(Comparator.comparing(Map.Entry<Integer, Long>::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow().getKey();
            for (Day day : List.copyOf(days)) {
                if (day.intervalMinutes() != length) {
                    days.remove(day);
                    leftOut.add(new LeftOut(day.date(), "is in " + day.intervalMinutes() + "-minute intervals where"
                            + " the skill's other days are in " + length + "-minute ones"));
                }
            }
            leftOut.sort(Comparator.comparing(LeftOut::date));
        }
        return new Split(days, leftOut);
    }
}
