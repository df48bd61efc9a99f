package com.wixanswers.wfm.historical;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.CompositeTaskFailedException;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import com.wixanswers.wfm.historical.HistoricalMessages.ChunkRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ChunkResult;
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
import com.wixanswers.wfm.workflow.Failures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The historical workflow, three levels deep: a run of days, a day of chunks, a chunk of queues or agents. Only
 * workflow here: no clock but the orchestration's, no I/O, no settings. One failed queue or agent never stops the
 * others. A refused credential or a wrong setting would fail them all alike, so a day sends its first queue (or
 * agent) alone and stops there if it meets one. In Azure the host stores whatever an orchestrator throws as
 * "Unexpected failure in the task execution", so a day and a chunk report their failures in their output and
 * complete; only the run fails, once every day ended, its reasons in its custom status.
 */
public final class HistoricalOrchestrations {

    /** A range of days, one day orchestration each in parallel, under ids of this run only (no run waits on another's). */
    @FunctionName(HistoricalWorkflow.RUN)
    public RunSummary run(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        RunRequest request = context.getInput(RunRequest.class);
        Instant started = context.getCurrentInstant();
        RunSummary summary = new RunSummary();
        summary.from = request.from;
        summary.to = request.to;
        summary.scope(request);
        List<String> days = new ArrayList<>();
        List<Task<DaySummary>> running = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(request.from); !day.isAfter(LocalDate.parse(request.to));
             day = day.plusDays(1)) {
            String instance = HistoricalWorkflow.dayInstanceId(context.getInstanceId(), started, day.toString());
            days.add(day.toString());
            summary.dayInstances.add(instance);
            DayRequest dayRequest = new DayRequest(day.toString());
            dayRequest.scope(request);
            running.add(context.callSubOrchestrator(HistoricalWorkflow.DAY, dayRequest, instance, DaySummary.class));
        }
        summary.days = days.size();
        context.setCustomStatus(summary);

        Failures failures = new Failures();
        for (int index = 0; index < running.size(); index++) {
            String failure;
            try {
                DaySummary day = running.get(index).await();
                summary.rowsSent.add(day.rowsSent);
                summary.queues.add(day.queues);
                summary.intervals += day.intervals;
                failure = day.failure;
            } catch (TaskFailedException e) {
                // The day's orchestration itself failed (a host limit, a replay that diverged): what the host says.
                failure = "its orchestration failed: " + e.getErrorDetails().getErrorMessage();
            }
            if (failure == null) {
                summary.completed++;
            } else {
                summary.failed++;
                failures.add(days.get(index), failure);
                summary.failures = failures.named();
            }
            context.setCustomStatus(summary);
        }
        String failure = failures.headline(count -> count + " of " + summary.days + " days failed");
        if (failure != null) {
            throw Failures.failed(context, summary, failure, HistoricalFailure::new);
        }
        return summary;
    }

    /**
     * One day: plan it, send the first queue or agent alone, then fan out the rest in chunks; the day's failure, if
     * any, in its output.
     */
    @FunctionName(HistoricalWorkflow.DAY)
    public DaySummary day(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        DayRequest request = context.getInput(DayRequest.class);
        request.instance = context.getInstanceId();
        DaySummary summary = new DaySummary();
        summary.day = request.day;
        DayPlan plan;
        try {
            plan = context.callActivity(HistoricalWorkflow.PLAN_DAY, request, ActivityRetry.options(),
                    DayPlan.class).await();
        } catch (TaskFailedException e) {
            summary.failure = "the day could not be planned: " + Failures.cut(e.getErrorDetails().getErrorMessage());
            context.setCustomStatus(summary);
            return summary;
        }
        summary.intervals = plan.intervals;
        summary.until = plan.until;
        summary.queues = new Progress(plan.queueIds.size());
        summary.agents = new Progress(plan.agentIds.size());
        summary.invalidRows = new InvalidRows(plan.invalidRows, plan.firstInvalidIds);
        context.setCustomStatus(summary);

        Failures failures = new Failures();
        List<ChunkRequest> chunks = HistoricalWorkflow.chunks(plan, request.instance, request);
        if (!chunks.isEmpty()) {
            // The first chunk is one queue or agent: a wrong key fails it alone, not every other one too.
            record(summary, failures, chunks.get(0), start(context, chunks, 0));
            context.setCustomStatus(summary);
            if (summary.stopped != null) {
                summary.failure = "stopped after the first " + HistoricalWorkflow.singular(chunks.get(0).kind)
                        + ", nothing else was sent: " + summary.stopped;
                context.setCustomStatus(summary);
                return summary;
            }
        }
        List<Task<ChunkResult>> running = new ArrayList<>();
        for (int index = 1; index < chunks.size(); index++) {
            running.add(start(context, chunks, index));
        }
        for (int index = 1; index < chunks.size(); index++) {
            record(summary, failures, chunks.get(index), running.get(index - 1));
            context.setCustomStatus(summary);
        }
        summary.failure = failures.headline(count -> summary.queues.failed + " of " + summary.queues.total
                + " queues and " + summary.agents.failed + " of " + summary.agents.total + " agents failed; the"
                + " others were sent");
        context.setCustomStatus(summary);
        return summary;
    }

    private static Task<ChunkResult> start(TaskOrchestrationContext context, List<ChunkRequest> chunks, int index) {
        return context.callSubOrchestrator(HistoricalWorkflow.CHUNK, chunks.get(index),
                HistoricalWorkflow.chunkInstanceId(chunks, index), ChunkResult.class);
    }

    /** Adds a finished chunk to the day's summary. */
    private static void record(DaySummary summary, Failures failures, ChunkRequest chunk, Task<ChunkResult> task) {
        ChunkResult result;
        try {
            result = task.await();
        } catch (TaskFailedException e) {
            // The chunk itself failed (it never does for a queue or agent): count all of its items as failed.
            result = new ChunkResult(chunk.kind);
            for (String id : chunk.ids) {
                result.failures.add(new Failure(id, e.getErrorDetails().getErrorMessage()));
            }
        }
        Progress progress = HistoricalWorkflow.QUEUES.equals(chunk.kind) ? summary.queues : summary.agents;
        progress.done += result.done;
        progress.failed += result.failures.size();
        for (Failure failure : result.failures) {
            failures.add(HistoricalWorkflow.singular(chunk.kind) + " " + failure.id, failure.error);
        }
        summary.failures = failures.named();
        summary.rowsSent.add(result.rowsSent);
        if (summary.stopped == null) {
            summary.stopped = result.stop;
        }
    }

    /** Up to {@link HistoricalWorkflow#CHUNK_SIZE} queues or agents, each one activity with durable retries. */
    @FunctionName(HistoricalWorkflow.CHUNK)
    public ChunkResult chunk(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        ChunkRequest chunk = context.getInput(ChunkRequest.class);
        String activity = HistoricalWorkflow.QUEUES.equals(chunk.kind)
                ? HistoricalWorkflow.SEND_QUEUE : HistoricalWorkflow.SEND_AGENT;
        List<Task<ItemResult>> items = new ArrayList<>();
        for (String id : chunk.ids) {
            items.add(context.callActivity(activity, new ItemRequest(chunk.day, id, chunk.instance, chunk),
                    ActivityRetry.options(), ItemResult.class));
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
                    result.failures.add(new Failure(item.id, Failures.cut(item.error)));
                }
                if (item.stop && result.stop == null) {
                    result.stop = Failures.cut(item.error);
                }
                result.rowsSent.add(item.rowsSent);
            } catch (TaskFailedException e) {
                result.failures.add(new Failure(chunk.ids.get(index),
                        Failures.cut(e.getErrorDetails().getErrorMessage())));
            }
        }
        return result;
    }
}
