package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.OrchestrationStatusQuery;
import com.microsoft.durabletask.OrchestrationStatusQueryResult;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Functions host's durable client as an {@link OrchestrationClient}. {@code DurableClientContext.getClient()}
 * opens a new gRPC channel on every call and nothing else closes it: a trigger takes one adapter per invocation, in
 * a try-with-resources, and closing it closes the channel.
 */
public final class DurableClientAdapter implements OrchestrationClient, AutoCloseable {
    private static final Set<OrchestrationRuntimeStatus> UNFINISHED = EnumSet.of(
            OrchestrationRuntimeStatus.PENDING, OrchestrationRuntimeStatus.RUNNING,
            OrchestrationRuntimeStatus.SUSPENDED, OrchestrationRuntimeStatus.CONTINUED_AS_NEW);

    private final DurableTaskClient client;

    public DurableClientAdapter(DurableTaskClient client) {
        this.client = client;
    }

    /** The invocation's durable client, to be closed after use. */
    public static DurableClientAdapter of(DurableClientContext context) {
        return new DurableClientAdapter(context.getClient());
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public boolean isRunning(String instanceId) {
        OrchestrationMetadata metadata = client.getInstanceMetadata(instanceId, false);
        return metadata != null && metadata.isInstanceFound() && UNFINISHED.contains(metadata.getRuntimeStatus());
    }

    @Override
    public Optional<String> runningWithPrefix(String prefix) {
        OrchestrationStatusQueryResult result = client.queryInstances(new OrchestrationStatusQuery()
                .setInstanceIdPrefix(prefix).setRuntimeStatusList(List.copyOf(UNFINISHED)).setMaxInstanceCount(1));
        return result.getOrchestrationState().stream().map(OrchestrationMetadata::getInstanceId).findFirst();
    }

    @Override
    public boolean exists(String instanceId) {
        OrchestrationMetadata metadata = client.getInstanceMetadata(instanceId, false);
        return metadata != null && metadata.isInstanceFound();
    }

    @Override
    public void start(String orchestrator, Object input, String instanceId) {
        client.scheduleNewOrchestrationInstance(orchestrator, input, instanceId);
    }
}
