package com.wixanswers.wfm.historical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import com.wixanswers.wfm.Integration;
import com.wixanswers.wfm.config.Settings;
import com.wixanswers.wfm.historical.HistoricalMessages.ChunkResult;
import com.wixanswers.wfm.historical.HistoricalMessages.DayPlan;
import com.wixanswers.wfm.historical.HistoricalMessages.DayRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.DaySummary;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemResult;
import com.wixanswers.wfm.historical.HistoricalMessages.RunSummary;
import com.wixanswers.wfm.historical.HistoricalRuns.DayRange;
import com.wixanswers.wfm.historical.HistoricalRuns.Refusal;
import com.wixanswers.wfm.workflow.DurableClientAdapter;
import com.wixanswers.wfm.workflow.OrchestrationClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The historical functions as the Functions host sees them. Thin: triggers bind and hand over to
 * {@link HistoricalRuns}, orchestrators to {@link HistoricalOrchestrators}, activities to
 * {@link HistoricalActivities}.
 */
public final class HistoricalFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Daily at HISTORICAL_SCHEDULE (UTC): re-sends the last HISTORICAL_LOOKBACK_DAYS local days. */
    @FunctionName("HistoricalTimer")
    public void timer(
            @TimerTrigger(name = "timer", schedule = "%HISTORICAL_SCHEDULE%") String timerInfo,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        Settings settings = Integration.shared().settings();
        DayRange range = HistoricalRuns.scheduledRange(Instant.now(), settings.statistics().zone(),
                settings.historical().lookbackDays());
        Optional<Refusal> refusal = HistoricalRuns.start(new DurableClientAdapter(durableContext.getClient()), range);
        if (refusal.isPresent()) {
            context.getLogger().warning("historical timer: not started: " + refusal.get().error());
        } else {
            context.getLogger().info("historical timer: started " + range.instanceId());
        }
    }

    /** POST /api/historical/runs?from=yyyy-MM-dd&to=yyyy-MM-dd: reruns a range of days. */
    @FunctionName("HistoricalRerun")
    public HttpResponseMessage rerun(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "historical/runs") HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        Settings settings = Integration.shared().settings();
        return rerun(request, new DurableClientAdapter(durableContext.getClient()),
                instanceId -> durableContext.createCheckStatusResponse(request, instanceId),
                LocalDate.now(settings.statistics().zone()), context.getLogger());
    }

    /**
     * The rerun's answer: 400 naming the parameter at fault, 409 when a day of the range runs now, else 202 with
     * the durable check-status payload of the run.
     */
    static HttpResponseMessage rerun(HttpRequestMessage<?> request, OrchestrationClient client,
                                     Function<String, HttpResponseMessage> checkStatus, LocalDate today,
                                     Logger log) {
        HistoricalRuns.Validated validated = HistoricalRuns.validate(request.getQueryParameters().get("from"),
                request.getQueryParameters().get("to"), today);
        if (validated.refusal().isPresent()) {
            return refuse(request, validated.refusal().get());
        }
        DayRange range = validated.range().orElseThrow();
        Optional<Refusal> conflict = HistoricalRuns.start(client, range);
        if (conflict.isPresent()) {
            log.warning("historical rerun refused: " + conflict.get().error());
            return refuse(request, conflict.get());
        }
        log.info("historical rerun: started " + range.instanceId());
        return checkStatus.apply(range.instanceId());
    }

    @FunctionName(HistoricalWorkflow.RUN)
    public RunSummary run(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        return HistoricalOrchestrators.run(context);
    }

    @FunctionName(HistoricalWorkflow.DAY)
    public DaySummary day(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        return HistoricalOrchestrators.day(context);
    }

    @FunctionName(HistoricalWorkflow.CHUNK)
    public ChunkResult chunk(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        return HistoricalOrchestrators.chunk(context);
    }

    @FunctionName(HistoricalWorkflow.PLAN_DAY)
    public DayPlan planDay(@DurableActivityTrigger(name = "input") DayRequest input) {
        return Integration.shared().historicalActivities().planDay(input);
    }

    @FunctionName(HistoricalWorkflow.SEND_QUEUE)
    public ItemResult sendQueue(@DurableActivityTrigger(name = "input") ItemRequest input) {
        return Integration.shared().historicalActivities().sendQueue(input);
    }

    @FunctionName(HistoricalWorkflow.SEND_AGENT)
    public ItemResult sendAgent(@DurableActivityTrigger(name = "input") ItemRequest input) {
        return Integration.shared().historicalActivities().sendAgent(input);
    }

    static HttpResponseMessage refuse(HttpRequestMessage<?> request, Refusal refusal) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", refusal.error());
        if (refusal.parameter() != null) {
            body.put("parameter", refusal.parameter());
        }
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return request.createResponseBuilder(HttpStatus.valueOf(refusal.status()))
                .header("Content-Type", "application/json")
                .body(json)
                .build();
    }
}
