package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Durable Functions host and the Java worker can carry, held by the in-process driver so that a test meets
 * the limit here rather than a tenant in Azure: a custom status of at most 16 KB as UTF-16 (past the Azure Storage
 * table's property limit an out-of-process app's instance hangs in Running, and newer extensions fail it), and
 * gRPC messages between worker and host of at most 4 MB (an orchestration's history, an activity's output).
 */
public final class HostLimits {
    public static final int CUSTOM_STATUS_UTF16_BYTES = 16 * 1024;
    public static final int MESSAGE_BYTES = 4 * 1024 * 1024;
    /** The failure type of an orchestration that broke a limit. */
    public static final String ERROR_TYPE = "HostLimitExceeded";

    private HostLimits() {
    }

    /** The limit a response of the orchestrator breaks, if any. */
    static Optional<String> breach(OrchestratorResponse response) {
        if (response.hasCustomStatus()) {
            int utf16 = response.getCustomStatus().getValue().length() * 2;
            if (utf16 > CUSTOM_STATUS_UTF16_BYTES) {
                return Optional.of(String.format(Locale.ROOT, "its custom status is %,d bytes as UTF-16, more than"
                        + " the %,d Durable Functions stores", utf16, CUSTOM_STATUS_UTF16_BYTES));
            }
        }
        if (response.getSerializedSize() > MESSAGE_BYTES) {
            return Optional.of(String.format(Locale.ROOT, "its actions are a message of %,d bytes, more than the"
                    + " worker's %,d", response.getSerializedSize(), MESSAGE_BYTES));
        }
        return Optional.empty();
    }

    static void requireMessageSize(String what, String json) {
        requireMessageSize(what, json.getBytes(StandardCharsets.UTF_8).length);
    }

    static void requireMessageSize(String what, int bytes) {
        if (bytes > MESSAGE_BYTES) {
            throw new Exceeded(String.format(Locale.ROOT, "%s is %,d bytes, more than the %,d the Functions"
                    + " worker's messages can carry", what, bytes, MESSAGE_BYTES));
        }
    }

    /** A message too large for the worker. */
    static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message);
        }
    }
}
