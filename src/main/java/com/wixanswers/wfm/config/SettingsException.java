package com.wixanswers.wfm.config;

import java.util.List;

/** A wrong or missing setting. The message names every setting at fault, never a secret's value. */
public class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(problems.size() == 1
                ? "Invalid setting: " + problems.get(0)
                : "Invalid settings:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public SettingsException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
