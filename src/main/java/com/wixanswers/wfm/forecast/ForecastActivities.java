package com.wixanswers.wfm.forecast;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.wixanswers.wfm.forecast.ForecastMessages.FileRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.FileSummary;
import com.wixanswers.wfm.forecast.ForecastMessages.HorizonRef;
import com.wixanswers.wfm.forecast.ForecastMessages.Plan;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillSummary;

import java.util.logging.Logger;

/**
 * The forecast activities, each one unit of I/O, handed over to {@link Forecasts}. Calabrio's refusals and
 * outages come back as results: a durable retry would make calls the run's rate cap does not count.
 */
public final class ForecastActivities {
    private static final Logger LOG = Logger.getLogger(ForecastActivities.class.getName());

    private final Forecasts forecasts;

    /** The plan's input: the horizon, and whether the command is to be sent (then a scenario is needed). */
    public static final class PlanRequest extends HorizonRef {
        public boolean send;

        public PlanRequest() {
        }
    }

    public ForecastActivities(Forecasts forecasts) {
        this.forecasts = forecasts;
    }

    @FunctionName(ForecastWorkflow.PLAN)
    public Plan plan(@DurableActivityTrigger(name = "input") PlanRequest request) {
        Plan plan = forecasts.plan(request, request.send);
        String run = forecasts.horizon(request).name();
        LOG.info(() -> run + ": " + plan.skills.size() + " skills, " + plan.unknownSkills.size()
                + " Calabrio does not have" + (plan.invalidRows > 0 ? ", " + plan.invalidRows + " rows of skill names"
                + " over 50 characters" : "") + (plan.checked ? "" : "; Calabrio's skills could not be read"));
        return plan;
    }

    @FunctionName(ForecastWorkflow.SEND_SKILL)
    public SkillSummary sendSkill(@DurableActivityTrigger(name = "input") SkillRequest request) {
        SkillSummary summary = forecasts.sendSkill(request);
        String run = forecasts.horizon(request).name();
        LOG.info(() -> run + ": " + summary.skill + ": " + summary.intervals + " intervals on " + summary.days
                + " days, " + (summary.sent ? "sent" : summary.detail));
        return summary;
    }

    @FunctionName(ForecastWorkflow.WRITE_FILE)
    public FileSummary writeFile(@DurableActivityTrigger(name = "input") FileRequest request) {
        FileSummary file = forecasts.writeFile(request);
        LOG.info(() -> forecasts.horizon(request).name() + ": " + file.file + ", " + file.lines + " lines");
        return file;
    }
}
