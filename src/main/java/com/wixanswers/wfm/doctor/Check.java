package com.wixanswers.wfm.doctor;

import java.util.Locale;

/**
 * One line of the doctor's report: which part of the tenant or the database, what was checked, how it came out,
 * and the specific difference or reason.
 */
public record Check(String part, String what, Status status, String detail) {
    /** How a check came out. Only {@link #DIFFERS} and {@link #UNREACHABLE} fail the doctor. */
    public enum Status {
        OK, WARNING, DIFFERS, UNREACHABLE, SKIPPED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean fails() {
            return this == DIFFERS || this == UNREACHABLE;
        }
    }

    static Check ok(String part, String what, String detail) {
        return new Check(part, what, Status.OK, detail);
    }

    static Check warning(String part, String what, String detail) {
        return new Check(part, what, Status.WARNING, detail);
    }

    static Check differs(String part, String what, String detail) {
        return new Check(part, what, Status.DIFFERS, detail);
    }

    static Check unreachable(String part, String what, String detail) {
        return new Check(part, what, Status.UNREACHABLE, detail);
    }

    static Check skipped(String part, String what, String detail) {
        return new Check(part, what, Status.SKIPPED, detail);
    }
}
