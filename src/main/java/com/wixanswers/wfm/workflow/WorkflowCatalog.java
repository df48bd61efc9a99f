package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.OrchestratorFunction;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The orchestrators and activities of a workflow by name, for the in-process driver. In Azure the Functions host
 * finds the same code through the {@code @FunctionName} methods; both are wired from the same classes.
 */
public final class WorkflowCatalog {
    private final Map<String, OrchestratorFunction<?>> orchestrators = new HashMap<>();
    private final Map<String, Activity<?>> activities = new HashMap<>();

    /** An activity: the type its input is bound to, and its body. */
    public record Activity<I>(Class<I> inputType, Function<I, ?> body) {
    }

    public WorkflowCatalog orchestrator(String name, OrchestratorFunction<?> orchestrator) {
        orchestrators.put(name, orchestrator);
        return this;
    }

    public <I> WorkflowCatalog activity(String name, Class<I> inputType, Function<I, ?> body) {
        activities.put(name, new Activity<>(inputType, body));
        return this;
    }

    Optional<OrchestratorFunction<?>> orchestrator(String name) {
        return Optional.ofNullable(orchestrators.get(name));
    }

    Optional<Activity<?>> activity(String name) {
        return Optional.ofNullable(activities.get(name));
    }
}
