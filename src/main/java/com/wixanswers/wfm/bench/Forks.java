package com.wixanswers.wfm.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark run again in fresh JVMs, one after the other (never two at once: they would share the cores), each
 * with this JVM's options and class path. A fork prints its own report, which is passed on line by line under its
 * number, and then its figures as one JSON line ({@link #report}), which is collected.
 */
final class Forks {
    private static final String FIGURES = "benchmark-figures ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every fork's figures, and whether every fork ended well. */
    record Outcome<T>(List<T> figures, boolean allSucceeded) {
    }

    private Forks() {
    }

    /** In a fork: its figures, on the line its parent collects. */
    static void report(Object figures, PrintStream out) {
        try {
            out.println(FIGURES + JSON.writeValueAsString(figures));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark's figures", e);
        }
    }

    /**
     * Runs {@code main}'s {@code main(arguments)} in {@code forks} fresh JVMs.
     *
     * @throws IllegalStateException when a fork ends without its figures
     */
    static <T> Outcome<T> run(int forks, Class<?> main, List<String> arguments, Class<T> figuresType,
                              PrintStream out) throws InterruptedException {
        List<T> figures = new ArrayList<>(forks);
        boolean allSucceeded = true;
        for (int fork = 1; fork <= forks; fork++) {
            Process process;
            try {
                process = new ProcessBuilder(command(main, arguments))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a JVM for fork " + fork, e);
            }
            T collected = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(FIGURES)) {
                        collected = JSON.readValue(line.substring(FIGURES.length()), figuresType);
                    } else {
                        out.println("JVM " + fork + "/" + forks + " | " + line);
                    }
                }
            } catch (IOException e) {
                process.destroyForcibly();
                throw new UncheckedIOException("cannot read fork " + fork + "'s report", e);
            }
            int exit = process.waitFor();
            if (collected == null) {
                throw new IllegalStateException("fork " + fork + " ended (exit code " + exit
                        + ") without its figures; its errors are above");
            }
            figures.add(collected);
            allSucceeded &= exit == 0;
        }
        return new Outcome<>(figures, allSucceeded);
    }

    /** This JVM's java, options and class path, running {@code main}; a debugger's agent is not passed on. */
    private static List<String> command(Class<?> main, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-agentlib:jdwp"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(arguments);
        return command;
    }
}
