package com.wixanswers.wfm.workflow;

/**
 * An orchestration instance as the in-process driver last saw it.
 *
 * @param output        the JSON output of a completed instance
 * @param customStatus  the JSON custom status last set, or null
 * @param failureType   the exception type of a failed instance
 * @param failureMessage the failure's message
 */
public record InstanceState(
        String instanceId,
        String name,
        Status status,
        String output,
        String customStatus,
        String failureType,
        String failureMessage) {

    public enum Status { RUNNING, COMPLETED, FAILED, TERMINATED }

    public boolean isFinished() {
        return status != Status.RUNNING;
    }
}
