package com.wixanswers.wfm.config;

import java.util.Objects;

/**
 * A secret value. {@link #toString()} never shows it, so a secret that slips into a log line or an
 * exception message prints as {@code ***}; only {@link #reveal()} gives the value, where it is sent.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
