package com.wixanswers.wfm.onboarding;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.wixanswers.wfm.workflow.DurableClientAdapter;
import com.wixanswers.wfm.workflow.HttpReplies;
import com.wixanswers.wfm.workflow.OrchestrationClient;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/** What starts an onboarding run: an upload under {@code onboarding/incoming/}, and the HTTP reprocessing. */
public final class OnboardingTriggers {
    private final OnboardingRuns runs;
    private final Clock clock;

    public OnboardingTriggers(OnboardingRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * An agents file uploaded to {@code onboarding/incoming/}. Flex Consumption runs blob triggers from Event Grid
     * only (scripts/post-deploy.sh subscribes it); the connection is the app's storage, by identity in Azure.
     */
    @FunctionName("OnboardingUpload")
    public void upload(
            @BlobTrigger(name = "file", path = "onboarding/incoming/{name}", dataType = "binary",
                    connection = "AzureWebJobsStorage", source = "EventGrid") byte[] file,
            @BindingName("name") String name,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        try (DurableClientAdapter client = DurableClientAdapter.of(durableContext)) {
            upload(client, RunFiles.INCOMING + name, file, context.getLogger());
        }
    }

    void upload(OrchestrationClient client, String upload, byte[] file, Logger log) {
        Optional<String> started = runs.startUpload(client, upload, file);
        log.info(started.map(id -> "onboarding upload " + upload + ": started " + id)
                .orElse("onboarding upload " + upload + ": this very file was processed already; not started again"
                        + " (reprocess it with POST /api/onboarding/runs?blob=" + upload + ")"));
    }

    /** POST /api/onboarding/runs?blob=incoming/<name>: reprocesses an upload as it is now. */
    @FunctionName("OnboardingRerun")
    public HttpResponseMessage rerun(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "onboarding/runs") HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        try (DurableClientAdapter client = DurableClientAdapter.of(durableContext)) {
            return rerun(request, client, instanceId -> durableContext.createCheckStatusResponse(request, instanceId),
                    context.getLogger());
        }
    }

    HttpResponseMessage rerun(HttpRequestMessage<?> request, OrchestrationClient client,
                              Function<String, HttpResponseMessage> checkStatus, Logger log) {
        OnboardingRuns.Started started = runs.reprocess(client, request.getQueryParameters().get("blob"),
                clock.instant());
        if (started.refusal().isPresent()) {
            log.warning("onboarding rerun refused: " + started.refusal().get().error());
            return HttpReplies.refuse(request, started.refusal().get());
        }
        log.info("onboarding rerun: started " + started.instanceId().orElseThrow());
        return checkStatus.apply(started.instanceId().orElseThrow());
    }
}
