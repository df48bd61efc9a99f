package com.wixanswers.wfm.forecast;

import com.wixanswers.wfm.config.Settings.ForecastSettings;
import com.wixanswers.wfm.config.Settings.WfmSettings;
import com.wixanswers.wfm.forecast.ForecastMessages.RunInput;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Starting forecast runs, for the daily timer, the HTTP rerun and the CLI alike: which days, whether they may start
 * now, and the start itself. Plain Java.
 */
public final class ForecastRuns {
    /** The longest horizon one run may cover. */
    public static final int MAX_DAYS = 62;

    private final ForecastSettings settings;
    private final WfmSettings wfm;

    /** Either a horizon to run or a refusal. */
    public record Validated(Optional<ForecastHorizon> horizon, Optional<Refusal> refusal) {
        static Validated refused(String parameter, String error) {
            return new Validated(Optional.empty(), Optional.of(Refusal.badParameter(parameter, error)));
        }
    }

    public ForecastRuns(ForecastSettings settings, WfmSettings wfm) {
        this.settings = settings;
        this.wfm = wfm;
    }

    /** What the daily timer runs: FORECAST_HORIZON_DAYS local days from today, in FORECAST_TIME_ZONE. */
    public ForecastHorizon scheduled(Instant now) {
        return new ForecastHorizon(LocalDate.ofInstant(now, settings.zone()), settings.horizonDays(), settings.zone());
    }

    /** A rerun's {@code from} (yyyy-MM-dd, any day) and {@code days} (1 to {@link #MAX_DAYS}; default the horizon). */
    public Validated validate(String from, String days) {
        if (from == null || from.isBlank()) {
            return Validated.refused("from", "the query parameter from is required (yyyy-MM-dd)");
        }
        LocalDate first;
        try {
            if (!from.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not yyyy-MM-dd", from, 0);
            }
            first = LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            return Validated.refused("from", "from (" + from + ") is not a date: use yyyy-MM-dd");
        }
        int count = settings.horizonDays();
        if (days != null && !days.isBlank()) {
            if (!days.matches("\\d{1,3}") || Integer.parseInt(days) < 1 || Integer.parseInt(days) > MAX_DAYS) {
                return Validated.refused("days", "days (" + days + ") must be a whole number from 1 to " + MAX_DAYS);
            }
            count = Integer.parseInt(days);
        }
        return new Validated(Optional.of(new ForecastHorizon(first, count, settings.zone())), Optional.empty());
    }

    /** Starts the run of {@code horizon} unless it runs now (409): its instance id is the horizon's name. */
    public Optional<Refusal> start(OrchestrationClient client, ForecastHorizon horizon) {
        if (client.isRunning(horizon.name())) {
            return Optional.of(Refusal.running(horizon.name()));
        }
        client.start(ForecastWorkflow.RUN, input(horizon), horizon.name());
        return Optional.empty();
    }

    /** The run's input; the orchestration reads its limits from it, never from settings. */
    public RunInput input(ForecastHorizon horizon) {
        RunInput input = new RunInput();
        input.firstDay = horizon.firstDay().toString();
        input.days = horizon.days();
        input.send = settings.setCommand();
        input.maxCallsPerMinute = wfm.maxCallsPerMinute();
        input.maxCallsPerHour = wfm.maxCallsPerHour();
        return input;
    }
}
