package com.wixanswers.wfm.onboarding;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.wixanswers.wfm.onboarding.OnboardingMessages.AgentCall;
import com.wixanswers.wfm.onboarding.OnboardingMessages.AgentOutcome;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkOutcomes;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkRef;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkSummary;
import com.wixanswers.wfm.onboarding.OnboardingMessages.Counts;
import com.wixanswers.wfm.onboarding.OnboardingMessages.FilePlan;
import com.wixanswers.wfm.onboarding.OnboardingMessages.PeopleFound;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ReportRequest;
import com.wixanswers.wfm.onboarding.OnboardingMessages.RunRef;
import com.wixanswers.wfm.onboarding.OnboardingMessages.SkillsResolved;

import java.util.logging.Logger;

/**
 * The onboarding activities, each one unit of I/O, handed over to {@link Onboarding}. Calabrio's refusals and
 * outages come back as results, never as exceptions: a durable retry would make calls the run's rate cap does
 * not count.
 */
public final class OnboardingActivities {
    private static final Logger LOG = Logger.getLogger(OnboardingActivities.class.getName());

    private final Onboarding onboarding;

    public OnboardingActivities(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @FunctionName(OnboardingWorkflow.READ_FILE)
    public FilePlan readFile(@DurableActivityTrigger(name = "input") RunRef run) {
        FilePlan plan = onboarding.readFile(run);
        LOG.info(() -> run.instanceId + ": " + run.upload + ": " + (plan.unreadable != null
                ? "cannot be read: " + plan.unreadable
                : plan.rows + " rows, " + plan.invalid + " invalid, " + plan.doneEarlier + " done in an earlier run"));
        return plan;
    }

    @FunctionName(OnboardingWorkflow.RESOLVE_SKILLS)
    public SkillsResolved resolveSkills(@DurableActivityTrigger(name = "input") RunRef run) {
        SkillsResolved resolved = onboarding.resolveSkills(run);
        LOG.info(() -> run.instanceId + ": skills resolved; " + resolved.unknownSkillRows + " rows name a skill"
                + " Calabrio does not have; " + resolved.chunkRows.size() + " chunks to do"
                + (resolved.stop != null ? "; stopped: " + resolved.stop : ""));
        return resolved;
    }

    @FunctionName(OnboardingWorkflow.FIND_PEOPLE)
    public PeopleFound findPeople(@DurableActivityTrigger(name = "input") ChunkRef chunk) {
        return onboarding.findPeople(chunk);
    }

    @FunctionName(OnboardingWorkflow.ADD_SKILLS)
    public AgentOutcome addSkills(@DurableActivityTrigger(name = "input") AgentCall call) {
        return onboarding.addSkills(call);
    }

    @FunctionName(OnboardingWorkflow.SAVE_CHUNK)
    public ChunkSummary saveChunk(@DurableActivityTrigger(name = "input") ChunkOutcomes outcomes) {
        return onboarding.saveChunk(outcomes);
    }

    @FunctionName(OnboardingWorkflow.WRITE_REPORT)
    public Counts writeReport(@DurableActivityTrigger(name = "input") ReportRequest request) {
        Counts counts = onboarding.writeReport(request);
        LOG.info(() -> request.instanceId + ": report" + (request.last ? " (final)" : "") + ": " + counts.rows);
        return counts;
    }
}
