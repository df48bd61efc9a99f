package com.wixanswers.wfm.workflow;

import java.util.Optional;

/**
 * Starting orchestrations and asking whether one runs: the durable client in Azure, the in-process driver in
 * the CLI and the tests.
 */
public interface OrchestrationClient {
    /** True when an instance with this id exists and has not finished (pending, running or suspended). */
    boolean isRunning(String instanceId);

    /** An instance whose id starts with {@code prefix} and has not finished, if any. */
    Optional<String> runningWithPrefix(String prefix);

    /** True when an instance with this id exists, whatever its status. */
    boolean exists(String instanceId);

    /** Starts {@code orchestrator} as {@code instanceId}, replacing a finished instance of that id. */
    void start(String orchestrator, Object input, String instanceId);
}
