package com.wixanswers.wfm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line words and {@code --name value} options. */
public final class Arguments {
    private final List<String> words = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    public Arguments(String[] args) {
        this(args, Set.of());
    }

    /** @param flags the options that take no value, so that the word after one is never taken as its value */
    public Arguments(String[] args, Set<String> flags) {
        for (int index = 0; index < args.length; index++) {
            String arg = args[index];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    options.put(name.substring(0, equals), name.substring(equals + 1));
                } else if (index + 1 < args.length && !args[index + 1].startsWith("--") && !flags.contains(name)) {
                    options.put(name, args[++index]);
                } else {
                    options.put(name, "");
                }
            } else {
                words.add(arg);
            }
        }
    }

    public String word(int index) {
        return index < words.size() ? words.get(index) : "";
    }

    public String required(String name) {
        String value = option(name, null);
        if (value == null || value.isEmpty()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    public String option(String name, String fallback) {
        used.add(name);
        return options.getOrDefault(name, fallback);
    }

    /** Whether {@code --name} was given; a flag takes no value. */
    public boolean flag(String name) {
        String value = option(name, null);
        if (value != null && !value.isEmpty()) {
            throw new UsageException("--" + name + " takes no value, got '" + value + "'");
        }
        return value != null;
    }

    public int integer(String name, int fallback, int min) {
        String value = option(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min) {
                throw new UsageException("--" + name + " must be at least " + min);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** Refuses options no command asked for, so a typo is not silently ignored. */
    public void rejectUnknown() {
        for (String name : options.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
