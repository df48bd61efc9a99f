package com.wixanswers.wfm.forecast;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import com.wixanswers.wfm.forecast.ForecastMessages.FileRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.FileSummary;
import com.wixanswers.wfm.forecast.ForecastMessages.Plan;
import com.wixanswers.wfm.forecast.ForecastMessages.Progress;
import com.wixanswers.wfm.forecast.ForecastMessages.RunInput;
import com.wixanswers.wfm.forecast.ForecastMessages.Skill;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillSummary;
import com.wixanswers.wfm.workflow.ActivityRetry;
import com.wixanswers.wfm.workflow.CallWindow;
import com.wixanswers.wfm.workflow.Failures;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecast workflow: plan the run (one activity), then one activity per skill, each of which reads the skill's
 * rows and sends its SetForecast where enabled, as fast as the run's {@link CallWindow} allows under
 * CALABRIO_MAX_CALLS_PER_MINUTE; then the run's file. A failing skill never stops the others: the run ends Failed,
 * naming each failure, once the file is written. Only workflow here: no clock but the orchestration's, no I/O.
 */
public final class ForecastOrchestrations {
    /** How often a skill's call may find Calabrio unavailable before the skill fails. */
    static final int ATTEMPTS = 5;

    @FunctionName(ForecastWorkflow.RUN)
    public Progress run(@DurableOrchestrationTrigger(name = "context") TaskOrchestrationContext context) {
        RunInput input = context.getInput(RunInput.class);
        CallWindow window = new CallWindow(input.maxCallsPerMinute, input.maxCallsPerHour, null);
        Plan plan;
        try {
            plan = plan(context, input, window);
        } catch (TaskFailedException e) {
            throw Failures.failed(context, new Progress(), "forecasts of " + input.firstDay + " for " + input.days
                    + " days could not be planned: " + Failures.cut(e.getErrorDetails().getErrorMessage()),
                    ForecastFailure::new);
        }
        boolean send = input.send && plan.checked && plan.stop == null;
        Progress progress = new Progress();
        progress.skills = plan.skills.size();
        context.setCustomStatus(progress);

        List<SkillSummary> summaries = new ArrayList<>();
        Failures failures = new Failures();
        Deque<Integer> queue = new ArrayDeque<>(java.util.stream.IntStream.range(0, plan.skills.size()).boxed()
                .toList());
        Map<Task<SkillSummary>, Integer> running = new LinkedHashMap<>();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        int calls = send ? 1 : 0;
        while (!queue.isEmpty() || !running.isEmpty()) {
            while (!queue.isEmpty() && window.allows(context, calls)) {
                int index = queue.poll();
                window.letGo(calls);
                running.put(context.callActivity(ForecastWorkflow.SEND_SKILL, request(input, plan, index, send),
                        SkillSummary.class), index);
            }
            if (running.isEmpty()) {
                window.awaitRoom(context, calls);
                continue;
            }
            Task<?> done = context.anyOf(new ArrayList<>(running.keySet())).await();
            int index = running.remove(done);
            Skill skill = plan.skills.get(index);
            window.answered(context, calls);
            SkillSummary summary = summaryOf(done, skill);
            if (summary.unavailable && attempts.merge(skill.name, 1, Integer::sum) < ATTEMPTS) {
                queue.add(index);
                window.pause(context, summary.pause());
                continue;
            }
            if (summary.failed || summary.unavailable || summary.stop != null) {
                failures.add("skill " + skill.name, summary.stop != null ? summary.stop : summary.detail);
                progress.failures = failures.named();
                progress.failed++;
            } else {
                progress.done++;
                progress.intervalsSent += summary.sent ? summary.intervals : 0;
            }
            summaries.add(summary);
            context.setCustomStatus(progress);
        }

        FileRequest file = new FileRequest();
        file.firstDay = input.firstDay;
        file.days = input.days;
        file.plan = plan;
        file.summaries = summaries;
        FileSummary written;
        try {
            written = context.callActivity(ForecastWorkflow.WRITE_FILE, file, ActivityRetry.options(),
                    FileSummary.class).await();
        } catch (TaskFailedException e) {
            throw Failures.failed(context, progress, "the forecast file of " + input.firstDay + " for " + input.days
                    + " days could not be written: " + Failures.cut(e.getErrorDetails().getErrorMessage()),
                    ForecastFailure::new);
        }
        progress.file = written.file;
        context.setCustomStatus(progress);
        boolean unchecked = plan.stop != null || !plan.checked;
        if (unchecked) {
            failures.add("Calabrio's skills", (plan.stop != null ? plan.stop : "unavailable " + ATTEMPTS + " times")
                    + "; nothing was sent");
        }
        String skillsFailed = progress.failed + " of " + plan.skills.size() + " skills failed";
        progress.failures = failures.named();
        String failure = failures.headline(size -> "forecasts of " + input.firstDay + " for " + input.days
                + " days: " + (!unchecked ? skillsFailed + "; the file " + written.file + " holds the others"
                : (progress.failed > 0 ? skillsFailed + " and " : "") + "Calabrio's skills could not be read; the"
                + " file " + written.file + " holds every skill of the table, unchecked"));
        if (failure != null) {
            throw Failures.failed(context, progress, failure, ForecastFailure::new);
        }
        return progress;
    }

    /** The plan, asked again in later windows while Calabrio is unavailable. */
    private static Plan plan(TaskOrchestrationContext context, RunInput input, CallWindow window) {
        ForecastActivities.PlanRequest request = new ForecastActivities.PlanRequest();
        request.firstDay = input.firstDay;
        request.days = input.days;
        request.send = input.send;
        int calls = input.send ? 2 : 1;
        Plan plan = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            window.awaitRoom(context, calls);
            window.letGo(calls);
            plan = context.callActivity(ForecastWorkflow.PLAN, request, ActivityRetry.options(), Plan.class).await();
            window.answered(context, calls);
            if (!plan.unavailable) {
                return plan;
            }
            window.pause(context, plan.pause());
        }
        return plan;
    }

    private static SkillRequest request(RunInput input, Plan plan, int index, boolean send) {
        SkillRequest request = new SkillRequest();
        request.firstDay = input.firstDay;
        request.days = input.days;
        request.skill = plan.skills.get(index);
        request.scenarioId = plan.scenarioId;
        request.send = send;
        request.separator = plan.separator;
        if (!plan.unwritable.contains(request.skill.name)) {
            request.part = Forecasts.part(ForecastHorizon.name(input.firstDay, input.days), index);
        }
        return request;
    }

    private static SkillSummary summaryOf(Task<?> task, Skill skill) {
        try {
            return (SkillSummary) task.await();
        } catch (TaskFailedException e) {
            SkillSummary summary = new SkillSummary();
            summary.skill = skill.name;
            summary.failed = true;
            summary.detail = e.getErrorDetails().getErrorMessage();
            return summary;
        }
    }
}
