package com.wixanswers.wfm.http;

import com.wixanswers.wfm.config.Secret;

/** Keeps secrets out of text that may reach a log, an error or a report. */
public final class Redaction {
    private static final int MAX_LENGTH = 300;

    private Redaction() {
    }

    /** {@code text} with every secret's value replaced by ***, on one line, cut to a readable length. */
    public static String redact(String text, Iterable<Secret> secrets) {
        String clean = redactWhole(text, secrets);
        return clean.length() <= MAX_LENGTH ? clean : clean.substring(0, MAX_LENGTH) + "...";
    }

    /** {@code text} with every secret's value replaced by ***, on one line, whole. */
    public static String redactWhole(String text, Iterable<Secret> secrets) {
        if (text == null) {
            return "";
        }
        String clean = text;
        for (Secret secret : secrets) {
            String value = secret.reveal();
            if (!value.isEmpty()) {
                clean = clean.replace(value, "***");
            }
        }
        return clean.replaceAll("\\s+", " ").strip();
    }
}
