package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.TaskOptions;

import java.time.Duration;

/**
 * The durable retry policy of activities, in one place. An activity throws only for faults that may pass (a
 * peer down after its own HTTP retries, the database unreachable); the orchestration then waits on a durable
 * timer and runs it again: 3 attempts, 30 s then 60 s apart.
 */
public final class ActivityRetry {
    public static final int MAX_ATTEMPTS = 3;
    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private ActivityRetry() {
    }

    public static TaskOptions options() {
        return new TaskOptions(new RetryPolicy(MAX_ATTEMPTS, FIRST_RETRY)
                .setBackoffCoefficient(2.0)
                .setMaxRetryInterval(Duration.ofMinutes(5)));
    }
}
