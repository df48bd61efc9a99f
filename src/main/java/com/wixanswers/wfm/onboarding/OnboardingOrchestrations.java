package com.wixanswers.wfm.onboarding;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.CompositeTaskFailedException;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import com.wixanswers.wfm.config.Settings.WfmSettings;
import com.wixanswers.wfm.onboarding.OnboardingMessages.AgentCall;
import com.wixanswers.wfm.onboarding.OnboardingMessages.AgentOutcome;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkOutcomes;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkRef;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkSummary;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkToDo;
import com.wixanswers.wfm.onboarding.OnboardingMessages.Counts;
import com.wixanswers.wfm.onboarding.OnboardingMessages.FilePlan;
import com.wixanswers.wfm.onboarding.OnboardingMessages.PeopleFound;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ReportRequest;
import com.wixanswers.wfm.onboarding.OnboardingMessages.RunInput;
import com.wixanswers.wfm.onboarding.OnboardingMessages.RunRef;
import com.wixanswers.wfm.onboarding.OnboardingMessages.SkillsResolved;
import com.wixanswers.wfm.workflow.ActivityRetry;
import com.wixanswers.wfm.workflow.CallTrouble;
import com.wixanswers.wfm.workflow.CallWindow;
import com.wixanswers.wfm.workflow.Failures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The onboarding workflow. A run reads the file and resolves its skills, then gives the agents their skills chunk
 * by chunk (a chunk's look-up and one call per agent found: at most 50 calls), as fast as the run's
 * {@link CallWindow} allows under CALABRIO_MAX_CALLS_PER_MINUTE, rewriting the report after each wave's worth of
 * chunks. Rows whose
 * people Calabrio does not know yet are looked up again every ONBOARDING_RETRY_MINUTES, each round a new
 * generation of the run (continue-as-new keeps its history short), until ONBOARDING_WAIT_HOURS have passed.
 * Only workflow here: no clock but the orchestration's, no I/O.
 */
public final class OnboardingOrchestrations {
    /** How often the skills' query may find Calabrio unavailable before the run gives up. */
    static final int SKILL_ATTEMPTS = 5;
    /** The most calls of one chunk: its look-up and one per agent. */
    static final int CALLS = WfmSettings.CALLS_PER_REQUEST_GROUP;

    @FunctionName(OnboardingWorkflow.RUN)
    public Counts run(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        RunInput input = context.getInput(RunInput.class);
        try {
            return onboard(context, input);
        } catch (TaskFailedException e) {
            // An activity failed past its durable retries (its blobs could not be written or read).
            Counts counts = new Counts();
            counts.round = input.round;
            throw Failures.failed(context, counts, "onboarding of " + input.upload + " failed: "
                    + Failures.cut(e.getErrorDetails().getErrorMessage()), OnboardingFailure::new);
        }
    }

    private Counts onboard(TaskOrchestrationContext context, RunInput input) {
        RunRef run = new RunRef(context.getInstanceId(), input.upload, input.sha256);
        CallWindow window = new CallWindow(input.maxCallsPerMinute, input.maxCallsPerHour, input.window);
        List<ChunkToDo> chunks = input.chunks;
        if (input.round == 0) {
            FilePlan plan = context.callActivity(OnboardingWorkflow.READ_FILE, run, ActivityRetry.options(),
                    FilePlan.class).await();
            if (plan.unreadable != null) {
                throw Failures.failed(context, new Counts(), input.upload + " cannot be read: " + plan.unreadable,
                        OnboardingFailure::new);
            }
            SkillsResolved skills = resolveSkills(context, run, window);
            if (skills.stop != null) {
                throw stopped(context, run, skills.stop);
            }
            chunks = IntStream.range(0, skills.chunkRows.size())
                    .mapToObj(chunk -> new ChunkToDo(chunk, skills.chunkRows.get(chunk))).toList();
        }

        // Chunks go as the window allows, each let go for the calls it can make (where less room is left, for as
        // many of its rows as fit) and counted, for those it made, until a minute after it answered: the calls flow
        // at the cap. A chunk with rows left (not reached, or Calabrio unavailable or throttling) goes again with
        // them. The report is rewritten after each wave's worth of chunks.
        int perWave = Math.max(1, input.maxCallsPerMinute / CALLS);
        Map<Integer, ChunkToDo> waiting = new TreeMap<>();
        Deque<ChunkToDo> queue = new ArrayDeque<>(chunks);
        Map<Task<ChunkSummary>, Going> running = new LinkedHashMap<>();
        String stop = null;
        int started = 0;
        int sinceReport = 0;
        while ((stop == null && !queue.isEmpty()) || !running.isEmpty()) {
            while (stop == null && !queue.isEmpty()) {
                int calls = Math.min(queue.peek().calls(), window.room(context));
                if (calls < 2) {
                    break; // not even a look-up and one agent's call
                }
                ChunkToDo chunk = queue.poll();
                window.letGo(calls);
                running.put(context.callSubOrchestrator(OnboardingWorkflow.CHUNK,
                        new ChunkRef(run.instanceId, chunk.chunk, calls - 1),
                        OnboardingWorkflow.chunkInstanceId(run.instanceId, input.round, ++started, chunk.chunk),
                        ChunkSummary.class), new Going(chunk, calls));
            }
            if (running.isEmpty()) {
                window.awaitRoom(context, queue.peek().calls());
                continue;
            }
            Task<?> done = context.anyOf(new ArrayList<>(running.keySet())).await();
            Going going = running.remove(done);
            ChunkSummary summary = summaryOf(done, going);
            window.answered(context, going.calls(), summary.calls);
            stop = stop != null ? stop : summary.stop;
            if (summary.unavailable) {
                window.pause(context, summary.pause());
            }
            if (summary.again > 0) {
                // Its look-up takes the rows waiting for their people too: it may find them now.
                queue.add(new ChunkToDo(summary.chunk, summary.again + summary.waiting));
            } else if (summary.waiting > 0) {
                waiting.put(summary.chunk, new ChunkToDo(summary.chunk, summary.waiting));
            }
            if (++sinceReport == perWave || running.isEmpty()) {
                sinceReport = 0;
                Counts counts = report(context, new ReportRequest(run.instanceId, false, null));
                counts.round = input.round;
                context.setCustomStatus(counts);
            }
        }
        if (stop != null) {
            throw stopped(context, run, stop);
        }

        // Rounds are counted, not timed: the last look-up is the one ONBOARDING_WAIT_HOURS after the first.
        if (!waiting.isEmpty() && input.round < input.waitSeconds / input.retrySeconds) {
            context.createTimer(Duration.ofSeconds(input.retrySeconds)).await();
            input.round++;
            input.chunks = List.copyOf(waiting.values());
            input.window = window.carried(context);
            context.continueAsNew(input);
            return null;
        }
        Counts counts = report(context, new ReportRequest(run.instanceId, true, null));
        counts.round = input.round;
        context.setCustomStatus(counts);
        int failed = counts.of(Outcome.FAILED);
        if (failed > 0) {
            throw Failures.failed(context, counts, failed + " of " + counts.rows.values().stream()
                    .mapToInt(Integer::intValue).sum() + " rows of " + input.upload + " failed; the report "
                    + RunFiles.reportCsv(input.upload) + " says why, row by row", OnboardingFailure::new);
        }
        return counts;
    }

    /** One chunk: look its people up, give each one found its skills, keep the results. */
    @FunctionName(OnboardingWorkflow.CHUNK)
    public ChunkSummary chunk(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        ChunkRef chunk = context.getInput(ChunkRef.class);
        ChunkOutcomes outcomes = new ChunkOutcomes();
        outcomes.instanceId = chunk.instanceId;
        outcomes.chunk = chunk.chunk;
        CallTrouble trouble = new CallTrouble();
        int calls = 0;
        PeopleFound found;
        try {
            // No durable retry on a call: a retry would be a call the run's window does not count.
            found = context.callActivity(OnboardingWorkflow.FIND_PEOPLE, chunk, PeopleFound.class).await();
        } catch (TaskFailedException e) {
            found = new PeopleFound();
            found.unavailable = true;
            found.called = true;
        }
        calls += found.called ? 1 : 0;
        trouble.merge(found);
        if (found.unavailable || found.stop != null) {
            outcomes.lookupUnavailable = true;
            outcomes.lookupThrottled = found.throttled;
            outcomes.lookedUp = found.lookedUp.isEmpty() ? null : found.lookedUp;
        } else {
            outcomes.notFound.addAll(found.notFound);
            List<Task<AgentOutcome>> adding = new ArrayList<>();
            for (AgentCall call : found.found) {
                adding.add(context.callActivity(OnboardingWorkflow.ADD_SKILLS, call, AgentOutcome.class));
            }
            awaitAll(context, adding);
            for (int index = 0; index < adding.size(); index++) {
                AgentOutcome outcome;
                try {
                    outcome = adding.get(index).await();
                } catch (TaskFailedException e) {
                    outcome = new AgentOutcome();
                    outcome.row = found.found.get(index).row;
                    outcome.outcome = Outcome.PENDING.word();
                    outcome.detail = "the call failed: " + e.getErrorDetails().getErrorMessage();
                }
                trouble.merge(outcome);
                outcomes.outcomes.add(outcome);
            }
            calls += adding.size();
        }
        ChunkSummary summary = context.callActivity(OnboardingWorkflow.SAVE_CHUNK, outcomes, ActivityRetry.options(),
                ChunkSummary.class).await();
        summary.calls = calls;
        summary.stop = trouble.stop;
        summary.unavailable = trouble.unavailable;
        summary.retryAfterSeconds = trouble.retryAfterSeconds;
        return summary;
    }

    /** The skills' query, tried again in later windows while Calabrio is unavailable. */
    private static SkillsResolved resolveSkills(TaskOrchestrationContext context, RunRef run, CallWindow window) {
        SkillsResolved skills = null;
        for (int attempt = 1; attempt <= SKILL_ATTEMPTS; attempt++) {
            window.awaitRoom(context, 1);
            window.letGo(1);
            skills = context.callActivity(OnboardingWorkflow.RESOLVE_SKILLS, run, SkillsResolved.class).await();
            window.answered(context, 1);
            if (!skills.unavailable) {
                return skills;
            }
            window.pause(context, skills.pause());
        }
        skills.stop = "Calabrio's WFM API was unavailable " + SKILL_ATTEMPTS + " times for its skills";
        return skills;
    }

    /** A chunk let go for so many calls. */
    private record Going(ChunkToDo chunk, int calls) {
    }

    private static ChunkSummary summaryOf(Task<?> task, Going going) {
        try {
            return (ChunkSummary) task.await();
        } catch (TaskFailedException e) {
            // A chunk fails only when its blobs cannot be written: it is done again later, like an outage, every
            // call it was let go for counted.
            ChunkSummary summary = new ChunkSummary();
            summary.chunk = going.chunk().chunk;
            summary.again = going.chunk().rows;
            summary.calls = going.calls();
            summary.unavailable = true;
            return summary;
        }
    }

    /** Writes the last report, with the reason, and ends the run as Failed with it. */
    private static OnboardingFailure stopped(TaskOrchestrationContext context, RunRef run, String stop) {
        Counts counts = report(context, new ReportRequest(run.instanceId, true, stop));
        return Failures.failed(context, counts, "onboarding of " + run.upload + " stopped: " + stop,
                OnboardingFailure::new);
    }

    private static Counts report(TaskOrchestrationContext context, ReportRequest request) {
        return context.callActivity(OnboardingWorkflow.WRITE_REPORT, request, ActivityRetry.options(), Counts.class)
                .await();
    }

    /** Waits until every task has an outcome, which the caller then reads one by one. */
    private static <T> void awaitAll(TaskOrchestrationContext context, List<Task<T>> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        try {
            context.allOf(tasks).await();
        } catch (CompositeTaskFailedException e) {
            // each task's own outcome is read afterwards
        }
    }

}
