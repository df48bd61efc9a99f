package com.wixanswers.wfm.forecast;

import com.wixanswers.wfm.forecast.ForecastMessages.FileRequest;
import com.wixanswers.wfm.forecast.ForecastMessages.SkillRequest;
import com.wixanswers.wfm.workflow.WorkflowCatalog;

import java.util.function.Supplier;

/** The names of the forecast functions, in one place. A run's instance id is its horizon's name. */
public final class ForecastWorkflow {
    public static final String RUN = "ForecastRun";
    public static final String PLAN = "PlanForecastRun";
    public static final String SEND_SKILL = "SendSkillForecast";
    public static final String WRITE_FILE = "WriteForecastFile";

    private ForecastWorkflow() {
    }

    public static WorkflowCatalog register(WorkflowCatalog catalog, Supplier<ForecastActivities> activities) {
        ForecastOrchestrations orchestrations = new ForecastOrchestrations();
        return catalog
                .orchestrator(RUN, orchestrations::run)
                .activity(PLAN, ForecastActivities.PlanRequest.class, input -> activities.get().plan(input))
                .activity(SEND_SKILL, SkillRequest.class, input -> activities.get().sendSkill(input))
                .activity(WRITE_FILE, FileRequest.class, input -> activities.get().writeFile(input));
    }
}
