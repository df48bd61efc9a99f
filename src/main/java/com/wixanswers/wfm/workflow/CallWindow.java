package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.TaskOrchestrationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Spaces an orchestration's calls to a rate-limited peer so that no 60 seconds ever hold more than {@code cap} of
 * them, whatever the number of instances running its activities. Calls go in windows of at most {@code cap}; a
 * new window starts (on a durable timer) 60 seconds after the last result of the one before came back, so that
 * the two never share a minute. Deterministic: it reads only the orchestration's own clock.
 */
public final class CallWindow {
    public static final Duration MINUTE = Duration.ofSeconds(60);

    private final int cap;
    private int used;
    private Instant lastResults;
    private Instant notBefore;

    /** What a window carries from one generation of an orchestration to the next (continue-as-new). */
    public static final class Carried {
        public int used;
        public String lastResults;
        public String notBefore;

        public Carried() {
        }
    }

    public CallWindow(int cap, Carried carried) {
        this.cap = cap;
        if (carried != null) {
            used = carried.used;
            lastResults = carried.lastResults == null ? null : Instant.parse(carried.lastResults);
            notBefore = carried.notBefore == null ? null : Instant.parse(carried.notBefore);
        }
    }

    /** Waits until {@code calls} more may start without breaking the cap (or an earlier Retry-After). */
    public void reserve(TaskOrchestrationContext context, int calls) {
        if (calls > cap) {
            throw new IllegalArgumentException(calls + " calls at once exceed the cap of " + cap);
        }
        Instant now = context.getCurrentInstant();
        Instant start = now;
        if (used + calls > cap && lastResults != null) {
            start = later(start, lastResults.plus(MINUTE));
        }
        if (notBefore != null) {
            start = later(start, notBefore);
        }
        if (start.isAfter(now)) {
            context.createTimer(ZonedDateTime.ofInstant(start, ZoneOffset.UTC)).await();
        }
        if (lastResults == null || !context.getCurrentInstant().isBefore(lastResults.plus(MINUTE))) {
            used = 0;
        }
        used += calls;
    }

    /** The calls reserved so far have all answered. */
    public void answered(TaskOrchestrationContext context) {
        lastResults = context.getCurrentInstant();
    }

    /** The peer asked for a pause ({@code Retry-After}): no call starts sooner. */
    public void pause(TaskOrchestrationContext context, Duration wait) {
        Instant until = context.getCurrentInstant().plus(wait);
        notBefore = notBefore == null ? until : later(notBefore, until);
    }

    public Carried carried() {
        Carried carried = new Carried();
        carried.used = used;
        carried.lastResults = lastResults == null ? null : lastResults.toString();
        carried.notBefore = notBefore == null ? null : notBefore.toString();
        return carried;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
