package com.wixanswers.wfm.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An orchestration instance as the in-process driver last saw it, as the host stores it.
 *
 * @param output        the JSON output of a completed instance
 * @param customStatus  the JSON custom status last set, or null
 * @param failureType   the exception type of a failed instance
 * @param failureMessage the failure's message: for an orchestrator's own exception, the middleware's generic text
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

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean isFinished() {
        return status != Status.RUNNING;
    }

    /**
     * Why a failed instance failed, as an operator reads it: the {@code failure} its custom status names
     * ({@link FailureStatus}), else the failure the host stored.
     */
    public String failureReason() {
        if (customStatus != null) {
            try {
                JsonNode failure = JSON.readTree(customStatus).path("failure");
                if (failure.isTextual()) {
                    return failure.asText();
                }
            } catch (JsonProcessingException e) {
                // a custom status that is not JSON names no failure
            }
        }
        return failureMessage;
    }
}
