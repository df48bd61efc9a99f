package com.wixanswers.wfm.historical;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.CompositeTaskFailedException;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import com.wixanswers.wfm.historical.HistoricalMessages.ChunkRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ChunkResult;
import com.wixanswers.wfm.historical.HistoricalMessages.DayOutcome;
import com.wixanswers.wfm.historical.HistoricalMessages.DayPlan;
import com.wixanswers.wfm.historical.HistoricalMessages.DayRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.DaySummary;
import com.wixanswers.wfm.historical.HistoricalMessages.Failure;
import com.wixanswers.wfm.historical.HistoricalMessages.InvalidRows;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemResult;
import com.wixanswers.wfm.historical.HistoricalMessages.Progress;
import com.wixanswers.wfm.historical.HistoricalMessages.RunRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.RunSummary;
import com.wixanswers.wfm.workflow.ActivityRetry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The historical workflow, three levels deep: a run of days, a day of chunks, a chunk of queues or agents. Only
 * workflow here: no clock, no I/O, no settings. One failed queue or agent never stops the others; a day with
 * failures ends Failed once all that could be sent was sent, with an error naming each failure.
 */
public final class HistoricalOrchestrations {
    /** How many failures an error message names before "and N more". */
    private static final int FAILURES_NAMED = 10;

    /** A range of days: one day orchestration each, in parallel; its output lists each day's outcome. */
    @FunctionName(HistoricalWorkflow.RUN)
    public RunSummary run(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        RunRequest request = context.getInput(RunRequest.class);
        RunSummary summary = new RunSummary();
        summary.from = request.from;
        summary.to = request.to;
        List<Task<DaySummary>> days = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(request.from); !day.isAfter(LocalDate.parse(request.to));
             day = day.plusDays(1)) {
            DayOutcome outcome = new DayOutcome();
            outcome.day = day.toString();
            summary.days.add(outcome);
            days.add(context.callSubOrchestrator(HistoricalWorkflow.DAY, new DayRequest(outcome.day),
                    HistoricalWorkflow.dayInstanceId(outcome.day), DaySummary.class));
        }
        context.setCustomStatus(summary);
        List<String> failedDays = new ArrayList<>();
        for (int index = 0; index < days.size(); index++) {
            DayOutcome outcome = summary.days.get(index);
            try {
                outcome.summary = days.get(index).await();
                outcome.succeeded = true;
            } catch (TaskFailedException e) {
                outcome.error = e.getErrorDetails().getErrorMessage();
                failedDays.add(outcome.day + ": " + outcome.error);
            }
            context.setCustomStatus(summary);
        }
        if (!failedDays.isEmpty()) {
            throw new HistoricalFailure(failedDays.size() + " of " + days.size() + " days failed: "
                    + String.join(" | ", failedDays));
        }
        return summary;
    }

    /** One day: plan it, fan out chunks of queues and agents, report progress, fail last if anything failed. */
    @FunctionName(HistoricalWorkflow.DAY)
    public DaySummary day(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        DayRequest request = context.getInput(DayRequest.class);
        DayPlan plan = context.callActivity(HistoricalWorkflow.PLAN_DAY, request, ActivityRetry.options(),
                DayPlan.class).await();

        DaySummary summary = new DaySummary();
        summary.day = request.day;
        summary.queues = new Progress(plan.queueIds.size());
        summary.agents = new Progress(plan.agentIds.size());
        summary.invalidRows = new InvalidRows(plan.invalidRows, plan.firstInvalidIds);
        context.setCustomStatus(summary);

        List<ChunkRequest> chunks = HistoricalWorkflow.chunks(plan);
        List<Task<ChunkResult>> running = new ArrayList<>();
        int queueChunks = 0;
        int agentChunks = 0;
        for (ChunkRequest chunk : chunks) {
            int number = HistoricalWorkflow.QUEUES.equals(chunk.kind) ? ++queueChunks : ++agentChunks;
            running.add(context.callSubOrchestrator(HistoricalWorkflow.CHUNK, chunk,
                    HistoricalWorkflow.chunkInstanceId(request.day, chunk.kind, number), ChunkResult.class));
        }
        for (int index = 0; index < chunks.size(); index++) {
            ChunkRequest chunk = chunks.get(index);
            ChunkResult result;
            try {
                result = running.get(index).await();
            } catch (TaskFailedException e) {
                // The chunk itself failed (it never does for a queue or agent): count all of its items as failed.
                result = new ChunkResult(chunk.kind);
                for (String id : chunk.ids) {
                    result.failures.add(new Failure(id, e.getErrorDetails().getErrorMessage()));
                }
            }
            boolean queues = HistoricalWorkflow.QUEUES.equals(chunk.kind);
            Progress progress = queues ? summary.queues : summary.agents;
            progress.done += result.done;
            progress.failed += result.failures.size();
            (queues ? summary.failedQueues : summary.failedAgents).addAll(result.failures);
            summary.rowsSent.add(result.rowsSent);
            context.setCustomStatus(summary);
        }
        if (summary.queues.failed + summary.agents.failed > 0) {
            throw new HistoricalFailure(describeFailures(summary));
        }
        return summary;
    }

    /** Up to {@link HistoricalWorkflow#CHUNK_SIZE} queues or agents, each one activity with durable retries. */
    @FunctionName(HistoricalWorkflow.CHUNK)
    public ChunkResult chunk(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        ChunkRequest chunk = context.getInput(ChunkRequest.class);
        String activity = HistoricalWorkflow.QUEUES.equals(chunk.kind)
                ? HistoricalWorkflow.SEND_QUEUE : HistoricalWorkflow.SEND_AGENT;
        List<Task<ItemResult>> items = new ArrayList<>();
        for (String id : chunk.ids) {
            items.add(context.callActivity(activity, new ItemRequest(chunk.day, id), ActivityRetry.options(),
                    ItemResult.class));
        }
        try {
            context.allOf(items).await();
        } catch (CompositeTaskFailedException e) {
            // Each item's own outcome is read below; allOf only waits until every one has one.
        }
        ChunkResult result = new ChunkResult(chunk.kind);
        for (int index = 0; index < items.size(); index++) {
            try {
                ItemResult item = items.get(index).await();
                if (item.error == null) {
                    result.done++;
                } else {
                    result.failures.add(new Failure(item.id, item.error));
                }
                result.rowsSent.add(item.rowsSent);
            } catch (TaskFailedException e) {
                result.failures.add(new Failure(chunk.ids.get(index), e.getErrorDetails().getErrorMessage()));
            }
        }
        return result;
    }

    static String describeFailures(DaySummary summary) {
        List<String> named = new ArrayList<>();
        summary.failedQueues.forEach(failure -> named.add("queue " + failure.id + ": " + failure.error));
        summary.failedAgents.forEach(failure -> named.add("agent " + failure.id + ": " + failure.error));
        int total = named.size();
        String list = String.join(" | ", named.subList(0, Math.min(total, FAILURES_NAMED)))
                + (total > FAILURES_NAMED ? " | and " + (total - FAILURES_NAMED) + " more" : "");
        return summary.day + ": " + summary.queues.failed + " of " + summary.queues.total + " queues and "
                + summary.agents.failed + " of " + summary.agents.total + " agents failed; the others were sent. "
                + list;
    }
}
