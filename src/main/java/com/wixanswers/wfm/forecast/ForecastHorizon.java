package com.wixanswers.wfm.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local days a run uploads (docs/contracts/forecasts.md, "The horizon"): {@code days} days from {@code firstDay},
 * each local midnight to local midnight in the forecasts' time zone, so 23 or 25 hours on the days the clocks change.
 */
public record ForecastHorizon(LocalDate firstDay, int days, ZoneId zone) {
    public LocalDate lastDay() {
        return firstDay.plusDays(days - 1L);
    }

    /** The UTC instant the horizon begins. */
    public Instant start() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    /** The UTC instant the horizon ends (excluded). */
    public Instant end() {
        return firstDay.plusDays(days).atStartOfDay(zone).toInstant();
    }

    public List<LocalDate> dates() {
        return Stream.iterate(firstDay, day -> day.plusDays(1)).limit(days).toList();
    }

    /** The local day an instant of the horizon falls on. */
    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** forecast-&lt;first day&gt;_&lt;last day&gt;: the run's instance id and its file's name. */
    public String name() {
        return name(firstDay.toString(), days);
    }

    /** The name of the horizon of {@code days} days from {@code firstDay} (yyyy-MM-dd), whatever its zone. */
    public static String name(String firstDay, int days) {
        return "forecast-" + firstDay + "_" + LocalDate.parse(firstDay).plusDays(days - 1L);
    }
}
