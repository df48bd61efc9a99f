package com.wixanswers.wfm.historical;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.wixanswers.wfm.config.Settings.Intraday;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.workflow.DurableClientAdapter;
import com.wixanswers.wfm.workflow.HttpReplies;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * What starts a historical run: the daily timer, the HTTP rerun, and the intraday timer. They bind and hand over to
 * {@link HistoricalRuns} and {@link IntradayRuns}.
 */
public final class HistoricalTriggers {
    private final ZoneId zone;
    private final int lookbackDays;
    private final Intraday intraday;
    private final Clock clock;

    /** @param zone the statistics time zone, whose local days are run */
    public HistoricalTriggers(ZoneId zone, int lookbackDays, Intraday intraday, Clock clock) {
        this.zone = zone;
        this.lookbackDays = lookbackDays;
        this.intraday = intraday;
        this.clock = clock;
    }

    /**
     * Every INTRADAY_SCHEDULE (UTC; by default every 15 minutes): today's queue statistics, for the intervals that
     * ended INTRADAY_DELAY_MINUTES ago or earlier. Agent statistics stay with the daily run.
     */
    @FunctionName("IntradayTimer")
    public void intraday(
            @TimerTrigger(name = "timer", schedule = "%INTRADAY_SCHEDULE%") String timerInfo,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        if (!intraday.enabled()) {
            context.getLogger().info("intraday timer: INTRADAY_ENABLED is false; nothing started");
            return;
        }
        try (DurableClientAdapter client = DurableClientAdapter.of(durableContext)) {
            startIntradayRun(client, context.getLogger());
        }
    }

    void startIntradayRun(OrchestrationClient client, Logger log) {
        IntradayRuns.Slot slot = IntradayRuns.slot(clock.instant(), zone, intraday.delayMinutes());
        Optional<Refusal> refusal = IntradayRuns.start(client, slot);
        if (refusal.isPresent()) {
            log.warning("intraday timer: slot " + slot.slot() + " skipped, not stacked: " + refusal.get().error());
        } else {
            log.info("intraday timer: started " + slot.instanceId() + " (" + slot.days().from() + " to "
                    + slot.days().to() + ", intervals ended by " + slot.endedBy() + ")");
        }
    }

    /** Daily at HISTORICAL_SCHEDULE (UTC): re-sends the last HISTORICAL_LOOKBACK_DAYS local days. */
    @FunctionName("HistoricalTimer")
    public void timer(
            @TimerTrigger(name = "timer", schedule = "%HISTORICAL_SCHEDULE%") String timerInfo,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        try (DurableClientAdapter client = DurableClientAdapter.of(durableContext)) {
            startScheduledRun(client, context.getLogger());
        }
    }

    void startScheduledRun(OrchestrationClient client, Logger log) {
        DayRange range = HistoricalRuns.scheduledRange(clock.instant(), zone, lookbackDays);
        Optional<Refusal> refusal = HistoricalRuns.start(client, range);
        if (refusal.isPresent()) {
            log.warning("historical timer: not started: " + refusal.get().error());
        } else {
            log.info("historical timer: started " + range.instanceId());
        }
    }

    /** POST /api/historical/runs?from=yyyy-MM-dd&to=yyyy-MM-dd: reruns a range of days. */
    @FunctionName("HistoricalRerun")
    public HttpResponseMessage rerun(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "historical/runs") HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        try (DurableClientAdapter client = DurableClientAdapter.of(durableContext)) {
            return rerun(request, client, instanceId -> durableContext.createCheckStatusResponse(request, instanceId),
                    context.getLogger());
        }
    }

    /**
     * The rerun's answer: 400 naming the parameter at fault, 409 when a day of the range runs now, else 202 with
     * the durable check-status payload of the run.
     */
    HttpResponseMessage rerun(HttpRequestMessage<?> request, OrchestrationClient client,
                              Function<String, HttpResponseMessage> checkStatus, Logger log) {
        HistoricalRuns.Validated validated = HistoricalRuns.validate(request.getQueryParameters().get("from"),
                request.getQueryParameters().get("to"), LocalDate.now(clock.withZone(zone)));
        if (validated.refusal().isPresent()) {
            return HttpReplies.refuse(request, validated.refusal().get());
        }
        DayRange range = validated.range().orElseThrow();
        Optional<Refusal> conflict = HistoricalRuns.start(client, range);
        if (conflict.isPresent()) {
            log.warning("historical rerun refused: " + conflict.get().error());
            return HttpReplies.refuse(request, conflict.get());
        }
        log.info("historical rerun: started " + range.instanceId());
        return checkStatus.apply(range.instanceId());
    }
}
