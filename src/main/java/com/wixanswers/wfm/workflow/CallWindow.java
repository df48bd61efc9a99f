package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.TaskOrchestrationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps an orchestration's calls to a rate-limited peer under {@code cap} in any 60 seconds, whatever the number of
 * instances running its activities. A group of calls is counted from when it is let go until a minute after its
 * last answer came back (the orchestration learns of it no sooner than it happened, so the count never misses a
 * call): any 60 seconds then hold the calls of groups counted together, at most {@code cap}. Deterministic: it
 * reads only the orchestration's own clock.
 */
public final class CallWindow {
    public static final Duration MINUTE = Duration.ofSeconds(60);

    private final int cap;
    /** Groups answered, counted until the instant beside them. */
    private final List<Counted> answered = new ArrayList<>();
    private int outstanding;
    private Instant notBefore;

    private record Counted(int calls, Instant until) {
    }

    /** What a window carries from one generation of an orchestration to the next (continue-as-new). */
    public static final class Carried {
        public List<Integer> calls = new ArrayList<>();
        public List<String> until = new ArrayList<>();
        public String notBefore;

        public Carried() {
        }
    }

    public CallWindow(int cap, Carried carried) {
        this.cap = cap;
        if (carried != null) {
            for (int index = 0; index < carried.calls.size(); index++) {
                answered.add(new Counted(carried.calls.get(index), Instant.parse(carried.until.get(index))));
            }
            notBefore = carried.notBefore == null ? null : Instant.parse(carried.notBefore);
        }
    }

    /** True when {@code calls} more may go now. */
    public boolean allows(TaskOrchestrationContext context, int calls) {
        Instant now = context.getCurrentInstant();
        return (notBefore == null || !now.isBefore(notBefore)) && counted(now) + calls <= cap;
    }

    /** Counts {@code calls} as let go; {@link #answered} ends them. */
    public void letGo(int calls) {
        if (calls > cap) {
            throw new IllegalArgumentException(calls + " calls at once exceed the cap of " + cap);
        }
        outstanding += calls;
    }

    /** A group of {@code calls} let go has answered: they count for a minute more. */
    public void answered(TaskOrchestrationContext context, int calls) {
        outstanding -= calls;
        answered.add(new Counted(calls, context.getCurrentInstant().plus(MINUTE)));
    }

    /**
     * When {@code calls} more will be allowed, with nothing more let go: the moment enough answered groups stop
     * counting, and not before a pause the peer asked for. Null when only outstanding calls stand in the way.
     */
    public Instant freeAt(TaskOrchestrationContext context, int calls) {
        Instant now = context.getCurrentInstant();
        List<Counted> byEnd = new ArrayList<>(answered);
        byEnd.removeIf(group -> !group.until().isAfter(now));
        byEnd.sort((a, b) -> a.until().compareTo(b.until()));
        int counted = outstanding + byEnd.stream().mapToInt(Counted::calls).sum();
        Instant at = now;
        for (int index = 0; counted + calls > cap; index++) {
            if (index == byEnd.size()) {
                return null;
            }
            counted -= byEnd.get(index).calls();
            at = byEnd.get(index).until();
        }
        return notBefore != null && notBefore.isAfter(at) ? notBefore : at;
    }

    /** Waits on a durable timer until {@code calls} more are allowed (there must be nothing outstanding). */
    public void awaitRoom(TaskOrchestrationContext context, int calls) {
        Instant at = freeAt(context, calls);
        if (at == null) {
            throw new IllegalStateException("calls are outstanding: wait for their answers instead");
        }
        if (at.isAfter(context.getCurrentInstant())) {
            context.createTimer(ZonedDateTime.ofInstant(at, ZoneOffset.UTC)).await();
        }
    }

    /** The peer asked for a pause ({@code Retry-After}): no call is allowed sooner. */
    public void pause(TaskOrchestrationContext context, Duration wait) {
        Instant until = context.getCurrentInstant().plus(wait);
        notBefore = notBefore == null || until.isAfter(notBefore) ? until : notBefore;
    }

    /** The window's state for the next generation (nothing may be outstanding). */
    public Carried carried(TaskOrchestrationContext context) {
        Instant now = context.getCurrentInstant();
        Carried carried = new Carried();
        for (Counted group : answered) {
            if (group.until().isAfter(now)) {
                carried.calls.add(group.calls());
                carried.until.add(group.until().toString());
            }
        }
        carried.notBefore = notBefore == null ? null : notBefore.toString();
        return carried;
    }

    private int counted(Instant now) {
        answered.removeIf(group -> !group.until().isAfter(now));
        return outstanding + answered.stream().mapToInt(Counted::calls).sum();
    }
}
