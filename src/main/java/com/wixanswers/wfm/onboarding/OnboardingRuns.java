package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.config.Settings.OnboardingSettings;
import com.wixanswers.wfm.config.Settings.WfmSettings;
import com.wixanswers.wfm.onboarding.OnboardingMessages.RunInput;
import com.wixanswers.wfm.storage.Folder;
import com.wixanswers.wfm.workflow.OrchestrationClient;
import com.wixanswers.wfm.workflow.Refusal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Starting onboarding runs, for the blob trigger, the HTTP reprocessing and the CLI alike. Plain Java; the
 * Functions classes only translate to and from their bindings.
 */
public final class OnboardingRuns {
    private final Folder folder;
    private final OnboardingSettings settings;
    private final WfmSettings wfm;

    public OnboardingRuns(Folder folder, OnboardingSettings settings, WfmSettings wfm) {
        this.folder = folder;
        this.settings = settings;
        this.wfm = wfm;
    }

    /** A run was started as this instance, or refused. */
    public record Started(Optional<String> instanceId, Optional<Refusal> refusal) {
    }

    /**
     * Starts the run of an upload as the trigger saw it, unless one of the same upload exists already (the same
     * file delivered twice runs once): answers the instance id, or empty when it ran already.
     */
    public Optional<String> startUpload(OrchestrationClient client, String upload, byte[] content) {
        String sha256 = sha256(content);
        String instanceId = OnboardingWorkflow.instanceId(upload, sha256);
        if (client.exists(instanceId)) {
            return Optional.empty();
        }
        client.start(OnboardingWorkflow.RUN, input(upload, sha256), instanceId);
        return Optional.of(instanceId);
    }

    /**
     * Reprocesses an upload as it is now ({@code blob} = {@code incoming/<name>}): 400 naming the parameter, 404
     * when there is no such upload, 409 while a run of it is running.
     */
    public Started reprocess(OrchestrationClient client, String blob, Instant now) {
        if (blob == null || blob.isBlank()) {
            return refused(Refusal.badParameter("blob", "the query parameter blob is required (incoming/<name>)"));
        }
        if (!blob.startsWith(RunFiles.INCOMING) || blob.length() == RunFiles.INCOMING.length() || blob.contains("..")) {
            return refused(Refusal.badParameter("blob", "blob must name an upload under incoming/, e.g."
                    + " incoming/agents.csv"));
        }
        if (folder.read(blob).isEmpty()) {
            return refused(new Refusal(404, "blob", "there is no upload " + folder.where(blob)));
        }
        Optional<String> current = folder.read(RunFiles.currentRun(blob))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
        if (current.isPresent() && client.isRunning(current.get())) {
            return refused(Refusal.running(current.get()));
        }
        String instanceId = OnboardingWorkflow.rerunInstanceId(blob, now);
        client.start(OnboardingWorkflow.RUN, input(blob, null), instanceId);
        return new Started(Optional.of(instanceId), Optional.empty());
    }

    /** The first generation's input; the run reads its limits from it, never from settings. */
    public RunInput input(String upload, String sha256) {
        RunInput input = new RunInput();
        input.upload = upload;
        input.sha256 = sha256;
        input.maxCallsPerMinute = wfm.maxCallsPerMinute();
        input.maxCallsPerHour = wfm.maxCallsPerHour();
        input.retrySeconds = settings.retrySeconds();
        input.waitSeconds = settings.waitSeconds();
        return input;
    }

    private static Started refused(Refusal refusal) {
        return new Started(Optional.empty(), Optional.of(refusal));
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
