package com.wixanswers.wfm.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Bicep reader for static checks where the Bicep CLI cannot run: parameters with their
 * decorators and defaults, module calls with the parameters they pass, and the top-level keys of an object
 * literal. It works on a skeleton of the file in which string contents (interpolations included) and comments
 * are blanked, so braces inside strings never confuse the structure.
 */
final class BicepFile {
    private static final Pattern PARAM = Pattern.compile("(?m)^param (\\w+) (\\w+)(?: = (.*))?$");
    private static final Pattern MODULE = Pattern.compile("(?m)^module (\\w+) '([^']+)' = \\{");

    final Path path;
    final String text;
    final String skeleton;

    record Param(String name, String type, String defaultValue, boolean secure, List<String> allowed) {
        boolean required() {
            return defaultValue == null;
        }
    }

    record Module(String symbol, String path, List<String> passed) {
    }

    BicepFile(Path path) {
        this.path = path;
        try {
            this.text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.skeleton = skeleton(text);
    }

    /** The text with string contents and comments replaced by spaces, same length, same line breaks. */
    static String skeleton(String text) {
        StringBuilder out = new StringBuilder(text);
        // A stack of modes: 'c' code (an interpolation is code too), 's' string.
        StringBuilder modes = new StringBuilder("c");
        int i = 0;
        while (i < text.length()) {
            char mode = modes.charAt(modes.length() - 1);
            char c = text.charAt(i);
            if (mode == 'c') {
                if (text.startsWith("//", i)) {
                    while (i < text.length() && text.charAt(i) != '\n') {
                        out.setCharAt(i++, ' ');
                    }
                    continue;
                }
                if (text.startsWith("'''", i)) {
                    int end = text.indexOf("'''", i + 3);
                    for (int j = i + 3; j < end; j++) {
                        if (text.charAt(j) != '\n') {
                            out.setCharAt(j, ' ');
                        }
                    }
                    i = end + 3;
                    continue;
                }
                if (c == '\'') {
                    modes.append('s');
                } else if (c == '}' && modes.length() > 1) {
                    modes.setLength(modes.length() - 1);
                    out.setCharAt(i, ' ');
                } else if (c == '{' && modes.length() > 1) {
                    modes.append('c');
                }
                i++;
                continue;
            }
            // In a string.
            if (c == '\\') {
                out.setCharAt(i, ' ');
                out.setCharAt(i + 1, ' ');
                i += 2;
            } else if (c == '\'') {
                modes.setLength(modes.length() - 1);
                i++;
            } else if (text.startsWith("${", i)) {
                out.setCharAt(i, ' ');
                out.setCharAt(i + 1, ' ');
                modes.append('c');
                i += 2;
            } else {
                out.setCharAt(i, ' ');
                i++;
            }
        }
        return out.toString();
    }

    Map<String, Param> params() {
        Map<String, Param> params = new LinkedHashMap<>();
        Matcher matcher = PARAM.matcher(skeleton);
        while (matcher.find()) {
            String decorators = decoratorsBefore(matcher.start());
            String line = text.substring(matcher.start(), matcher.end());
            Matcher original = PARAM.matcher(line);
            original.matches();
            List<String> allowed = new ArrayList<>();
            Matcher allowedBlock = Pattern.compile("@allowed\\(\\[([^\\]]*)\\]\\)").matcher(decorators);
            if (allowedBlock.find()) {
                for (String value : allowedBlock.group(1).split("\\s+")) {
                    if (!value.isBlank()) {
                        allowed.add(value.replace("'", ""));
                    }
                }
            }
            params.put(matcher.group(1), new Param(matcher.group(1), matcher.group(2), original.group(3),
                    decorators.contains("@secure()"), allowed));
        }
        return params;
    }

    /** The decorator lines directly above a declaration. */
    private String decoratorsBefore(int position) {
        String before = text.substring(0, position);
        String[] lines = before.split("\n", -1);
        StringBuilder decorators = new StringBuilder();
        for (int index = lines.length - 2; index >= 0; index--) {
            String line = lines[index].strip();
            if (line.isEmpty() || line.startsWith("//")) {
                break;
            }
            decorators.insert(0, line + "\n");
        }
        return decorators.toString();
    }

    List<Module> modules() {
        List<Module> modules = new ArrayList<>();
        Matcher matcher = MODULE.matcher(text);
        while (matcher.find()) {
            int open = text.indexOf('{', matcher.start());
            String body = block(open);
            int paramsAt = body.indexOf("params: {");
            List<String> passed = paramsAt < 0 ? List.of() : keys(open + paramsAt + "params: ".length());
            modules.add(new Module(matcher.group(1), matcher.group(2), passed));
        }
        return modules;
    }

    /** Top-level keys of the object literal that opens at {@code open}. */
    List<String> keys(int open) {
        List<String> keys = new ArrayList<>();
        int depth = 0;
        int lineStart = open;
        for (int i = open; i < skeleton.length(); i++) {
            char c = skeleton.charAt(i);
            if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
                if (depth == 0) {
                    break;
                }
            } else if (c == '\n') {
                lineStart = i + 1;
                if (depth == 1) {
                    Matcher key = Pattern.compile("^\\s*(\\w+|'[^']*'):").matcher(text.substring(lineStart,
                            text.indexOf('\n', lineStart)));
                    if (key.find()) {
                        keys.add(key.group(1).replace("'", ""));
                    }
                }
            }
        }
        return keys;
    }

    /** The keys of the first object literal after {@code marker}. */
    List<String> keysAfter(String marker) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new AssertionError(path + " has no " + marker);
        }
        return keys(skeleton.indexOf('{', at));
    }

    /** The text of the block that opens at {@code open} (a brace), braces included. */
    String block(int open) {
        int depth = 0;
        for (int i = open; i < skeleton.length(); i++) {
            char c = skeleton.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open, i + 1);
            }
        }
        throw new AssertionError("unbalanced braces in " + path + " at " + open);
    }

    /** The value expression of top-level key {@code key} in the object after {@code marker}, on its line. */
    String valueOf(String marker, String key) {
        int at = text.indexOf(marker);
        Matcher line = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ": (.*)$").matcher(text);
        if (!line.find(at)) {
            throw new AssertionError(key + " not found after " + marker);
        }
        return line.group(1).strip();
    }
}
