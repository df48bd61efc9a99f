package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.TaskOrchestrationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Keeps an orchestration's calls to a rate-limited peer under {@code perMinute} in any 60 seconds and
 * {@code perHour} in any hour, whatever the number of instances running its activities. A group of calls is counted
 * from when it is let go until a minute (an hour) after its last answer came back (the orchestration learns of it no
 * sooner than it happened, so the count never misses a call): any 60 seconds then hold the calls of groups counted
 * together, at most the cap. Deterministic: it reads only the orchestration's own clock.
 */
public final class CallWindow {
    public static final Duration MINUTE = Duration.ofSeconds(60);
    public static final Duration HOUR = Duration.ofHours(1);

    private final int perMinute;
    private final int perHour;
    /** Groups answered, with when: each counts for a minute against perMinute and an hour against perHour. */
    private final List<Counted> answered = new ArrayList<>();
    private int outstanding;
    private Instant notBefore;

    private record Counted(int calls, Instant at) {
    }

    /** What a window carries from one generation of an orchestration to the next (continue-as-new). */
    public static final class Carried {
        public List<Integer> calls = new ArrayList<>();
        /** When each group answered. */
        public List<String> at = new ArrayList<>();
        public String notBefore;

        public Carried() {
        }
    }

    public CallWindow(int perMinute, int perHour, Carried carried) {
        this.perMinute = perMinute;
        this.perHour = perHour;
        if (carried != null) {
            for (int index = 0; index < carried.calls.size(); index++) {
                answered.add(new Counted(carried.calls.get(index), Instant.parse(carried.at.get(index))));
            }
            notBefore = carried.notBefore == null ? null : Instant.parse(carried.notBefore);
        }
    }

    /** True when {@code calls} more may go now. */
    public boolean allows(TaskOrchestrationContext context, int calls) {
        return calls <= room(context);
    }

    /** How many more calls may go now: none during a pause the peer asked for. */
    public int room(TaskOrchestrationContext context) {
        Instant now = context.getCurrentInstant();
        answered.removeIf(group -> !group.at().plus(HOUR).isAfter(now));
        return notBefore != null && now.isBefore(notBefore) ? 0 : Math.max(0, roomAt(now));
    }

    private int roomAt(Instant at) {
        return Math.min(perMinute - outstanding - countedAt(at, MINUTE), perHour - outstanding - countedAt(at, HOUR));
    }

    private int countedAt(Instant at, Duration span) {
        int calls = 0;
        for (Counted group : answered) {
            if (!group.at().isAfter(at) && group.at().plus(span).isAfter(at)) {
                calls += group.calls();
            }
        }
        return calls;
    }

    /** Counts {@code calls} as let go; {@link #answered} ends them. */
    public void letGo(int calls) {
        if (calls > Math.min(perMinute, perHour)) {
            throw new IllegalArgumentException(calls + " calls at once exceed the cap of " + perMinute);
        }
        outstanding += calls;
    }

    /** A group of {@code calls} let go has answered, each call made: they count for a minute (an hour) more. */
    public void answered(TaskOrchestrationContext context, int calls) {
        answered(context, calls, calls);
    }

    /**
     * A group let go for {@code letGo} calls has answered, having made {@code made} of them (a chunk whose look-up
     * found fewer people, or Calabrio throttled it): the rest is free at once, the calls made count on.
     */
    public void answered(TaskOrchestrationContext context, int letGo, int made) {
        if (made > letGo) {
            throw new IllegalArgumentException(made + " calls made where " + letGo + " were let go");
        }
        outstanding -= letGo;
        answered.add(new Counted(made, context.getCurrentInstant()));
    }

    /**
     * When {@code calls} more will be allowed, with nothing more let go: the first moment enough answered groups
     * stop counting, and not before a pause the peer asked for. Null when only outstanding calls stand in the way.
     */
    public Instant freeAt(TaskOrchestrationContext context, int calls) {
        Instant now = context.getCurrentInstant();
        TreeSet<Instant> moments = new TreeSet<>();
        moments.add(now);
        for (Counted group : answered) {
            moments.add(group.at().plus(MINUTE));
            moments.add(group.at().plus(HOUR));
        }
        for (Instant at : moments.tailSet(now, true)) {
            if (roomAt(at) >= calls) {
                return notBefore != null && notBefore.isAfter(at) ? notBefore : at;
            }
        }
        return null;
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

    /** The window's state for the next generation (nothing may be outstanding): the last hour's groups. */
    public Carried carried(TaskOrchestrationContext context) {
        Instant now = context.getCurrentInstant();
        Carried carried = new Carried();
        for (Counted group : answered) {
            if (group.at().plus(HOUR).isAfter(now)) {
                carried.calls.add(group.calls());
                carried.at.add(group.at().toString());
            }
        }
        carried.notBefore = notBefore == null ? null : notBefore.toString();
        return carried;
    }
}
