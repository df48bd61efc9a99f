package com.wixanswers.wfm.onboarding;

import java.util.Arrays;

/** What became of a row, as the report names it. A row is pending only while its run has not finished. */
public enum Outcome {
    INVALID("invalid"),
    SKILLS_ADDED("skills-added"),
    ALREADY_HAD_SKILLS("already-had-skills"),
    WAITING_FOR_PERSON("waiting-for-person"),
    FAILED("failed"),
    PENDING("pending");

    private final String word;

    Outcome(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Done: nothing is ever sent for the row again. */
    public boolean done() {
        return this == SKILLS_ADDED || this == ALREADY_HAD_SKILLS;
    }

    public static Outcome of(String word) {
        return Arrays.stream(values()).filter(outcome -> outcome.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no outcome " + word));
    }
}
