package com.wixanswers.wfm.workflow;

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

    /** The first failures, then how many more. */
    public String describe() {
        return String.join(" | ", named) + (count > NAMED ? " | and " + (count - NAMED) + " more" : "");
    }

    /** Throws {@code failure} of the headline for this many failures and their description, if there was one. */
    public void throwIfAny(IntFunction<String> headline, Function<String, ? extends RuntimeException> failure) {
        if (count > 0) {
            throw failure.apply(headline.apply(count) + ". " + describe());
        }
    }
}
