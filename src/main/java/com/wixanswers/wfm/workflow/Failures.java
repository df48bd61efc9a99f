package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.TaskOrchestrationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The failures of a run, kept small by design for what the host stores (a failure message, a custom status): how
 * many, and the first {@link #NAMED} with their messages cut to {@link #MESSAGE_CHARS}, then "and N more". The
 * rest belongs in the logs and the activities' own results. Deterministic, for orchestrators.
 */
public final class Failures {
    public static final int NAMED = 10;
    public static final int MESSAGE_CHARS = 300;

    private final List<String> named = new ArrayList<>();
    private int count;

    /** @param what the thing that failed ({@code queue q-003}, {@code skill Billing}) */
    public void add(String what, String message) {
        count++;
        if (named.size() < NAMED) {
            named.add(what + ": " + cut(message));
        }
    }

    /** A message cut to {@link #MESSAGE_CHARS}. */
    public static String cut(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.length() <= MESSAGE_CHARS ? message : message.substring(0, MESSAGE_CHARS) + "...";
    }

    public int count() {
        return count;
    }

    /** The first failures named, as a list (for a custom status). */
    public List<String> named() {
        return List.copyOf(named);
    }

    /**
     * Ends an orchestration as Failed so that Azure still tells why: the reason on its custom status (which the host
     * keeps), then the exception to throw (whose message the host replaces with the middleware's generic text).
     */
    public static <E extends RuntimeException> E failed(TaskOrchestrationContext context, FailureStatus status,
                                                        String reason, Function<String, E> failure) {
        status.failure(reason);
        context.setCustomStatus(status);
        return failure.apply(reason);
    }

    /**
     * The headline for this many failures and the first of them, then how many more (the first ten are in
     * {@link #named}), or null when there was none.
     */
    public String headline(IntFunction<String> headline) {
        return count == 0 ? null : headline.apply(count) + ". " + named.get(0) + (count > 1 ? " | and "
                + (count - 1) + " more" : "");
    }
}
