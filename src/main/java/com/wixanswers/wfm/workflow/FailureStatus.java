package com.wixanswers.wfm.workflow;

/**
 * An orchestration's custom status that can say why it failed. In Azure the host stores whatever an orchestrator
 * throws as "Unexpected failure in the task execution" (durabletask-azure-functions' middleware wraps it), but it
 * keeps the custom status the failing replay set: that is where an operator reads the reason.
 */
public interface FailureStatus {
    /** Records why the orchestration fails. */
    void failure(String reason);
}
