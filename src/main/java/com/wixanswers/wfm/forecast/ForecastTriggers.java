package com.wixanswers.wfm.forecast;

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
import com.wixanswers.wfm.workflow.DurableClientAdapter;
import com.wixanswers.wfm.workflow.HttpReplies;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/** What starts a forecast run: the daily timer and the HTTP rerun. They bind and hand over to {@link ForecastRuns}. */
public final class ForecastTriggers {
    private final ForecastRuns runs;
    private final Clock clock;

    public ForecastTriggers(ForecastRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Daily at FORECAST_SCHEDULE (UTC): the next FORECAST_HORIZON_DAYS local days, today included. */
    @FunctionName("ForecastTimer")
    public void timer(
            @TimerTrigger(name = "timer", schedule = "%FORECAST_SCHEDULE%") String timerInfo,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        try (DurableClientAdapter client = DurableClientAdapter.of(durableContext)) {
            startScheduledRun(client, context.getLogger());
        }
    }

    void startScheduledRun(OrchestrationClient client, Logger log) {
        ForecastHorizon horizon = runs.scheduled(clock.instant());
        Optional<Refusal> refusal = runs.start(client, horizon);
        log.info(refusal.map(r -> "forecast timer: not started: " + r.error())
                .orElse("forecast timer: started " + horizon.name()));
    }

    /** POST /api/forecasts/runs?from=yyyy-MM-dd&days=N: uploads the forecasts of those days again. */
    @FunctionName("ForecastRerun")
    public HttpResponseMessage rerun(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "forecasts/runs") HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        try (DurableClientAdapter client = DurableClientAdapter.of(durableContext)) {
            return rerun(request, client, instanceId -> durableContext.createCheckStatusResponse(request, instanceId),
                    context.getLogger());
        }
    }

    HttpResponseMessage rerun(HttpRequestMessage<?> request, OrchestrationClient client,
                              Function<String, HttpResponseMessage> checkStatus, Logger log) {
        ForecastRuns.Validated validated = runs.validate(request.getQueryParameters().get("from"),
                request.getQueryParameters().get("days"));
        if (validated.refusal().isPresent()) {
            return HttpReplies.refuse(request, validated.refusal().get());
        }
        ForecastHorizon horizon = validated.horizon().orElseThrow();
        Optional<Refusal> conflict = runs.start(client, horizon);
        if (conflict.isPresent()) {
            log.warning("forecast rerun refused: " + conflict.get().error());
            return HttpReplies.refuse(request, conflict.get());
        }
        log.info("forecast rerun: started " + horizon.name());
        return checkStatus.apply(horizon.name());
    }
}
