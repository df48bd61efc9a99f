package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.onboarding.OnboardingMessages.AgentCall;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkOutcomes;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ChunkRef;
import com.wixanswers.wfm.onboarding.OnboardingMessages.ReportRequest;
import com.wixanswers.wfm.onboarding.OnboardingMessages.RunRef;
import com.wixanswers.wfm.workflow.WorkflowCatalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The names of the onboarding functions and their instance ids, in one place. An upload's run is
 * {@code onboarding-<name>-<first 16 hex of its SHA-256>}, so that the same upload delivered twice meets the same
 * instance; a reprocessing run adds {@code -rerun-<UTC time>}; a chunk's is its run's with the round, the wave and
 * the chunk, unique within the run.
 */
public final class OnboardingWorkflow {
    public static final String RUN = "OnboardingRun";
    public static final String CHUNK = "OnboardingChunk";
    public static final String READ_FILE = "ReadAgentsFile";
    public static final String RESOLVE_SKILLS = "ResolveOnboardingSkills";
    public static final String FIND_PEOPLE = "FindOnboardingPeople";
    public static final String ADD_SKILLS = "AddSkillsToPerson";
    public static final String SAVE_CHUNK = "SaveOnboardingChunk";
    public static final String WRITE_REPORT = "WriteOnboardingReport";
    private static final DateTimeFormatter RERUN = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private OnboardingWorkflow() {
    }

    public static String instanceId(String upload, String sha256) {
        return "onboarding-" + slug(upload) + "-" + sha256.substring(0, 16);
    }

    public static String rerunInstanceId(String upload, Instant now) {
        return "onboarding-" + slug(upload) + "-rerun-" + RERUN.format(now);
    }

    static String chunkInstanceId(String run, int round, int wave, int chunk) {
        return String.format(Locale.ROOT, "%s-r%02d-w%03d-c%04d", run, round, wave, chunk);
    }

    /** The upload's name in an instance id: letters, digits and dashes, at most 40. */
    private static String slug(String upload) {
        String slug = RunFiles.stem(upload).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() <= 40 ? slug : slug.substring(0, 40);
    }

    public static WorkflowCatalog register(WorkflowCatalog catalog, Supplier<OnboardingActivities> activities) {
        OnboardingOrchestrations orchestrations = new OnboardingOrchestrations();
        return catalog
                .orchestrator(RUN, orchestrations::run)
                .orchestrator(CHUNK, orchestrations::chunk)
                .activity(READ_FILE, RunRef.class, input -> activities.get().readFile(input))
                .activity(RESOLVE_SKILLS, RunRef.class, input -> activities.get().resolveSkills(input))
                .activity(FIND_PEOPLE, ChunkRef.class, input -> activities.get().findPeople(input))
                .activity(ADD_SKILLS, AgentCall.class, input -> activities.get().addSkills(input))
                .activity(SAVE_CHUNK, ChunkOutcomes.class, input -> activities.get().saveChunk(input))
                .activity(WRITE_REPORT, ReportRequest.class, input -> activities.get().writeReport(input));
    }
}
