package com.wixanswers.wfm.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A benchmark measured in fresh JVMs: each fork's report passed on under its number, its figures collected. */
class ForksTest {
    record Figures(String jvm, int value) {
    }

    /** A fork: prints a report line, then its figures, and ends as its first argument says. */
    public static final class Measuring {
        public static void main(String[] args) {
            System.out.println("measured " + args[1]);
            if (!args[0].equals("no-figures")) {
                Forks.report(new Figures(ProcessHandle.current().pid() + "", Integer.parseInt(args[1])), System.out);
            }
            System.exit(args[0].equals("fail") ? 1 : 0);
        }
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void eachForkIsAFreshJvmWhoseReportIsPassedOnAndWhoseFiguresAreCollected() throws InterruptedException {
        Forks.Outcome<Figures> outcome = Forks.run(2, Measuring.class, List.of("ok", "7"), Figures.class, out);

        assertTrue(outcome.allSucceeded());
        assertEquals(2, outcome.figures().size());
        assertEquals(7, outcome.figures().get(1).value());
        assertFalse(outcome.figures().get(0).jvm().equals(outcome.figures().get(1).jvm()), "two JVMs, one each");
        assertFalse(outcome.figures().get(0).jvm().equals(ProcessHandle.current().pid() + ""), "not this JVM");
        String report = printed.toString(StandardCharsets.UTF_8);
        assertEquals("JVM 1/2 | measured 7\nJVM 2/2 | measured 7\n", report.replace(System.lineSeparator(), "\n"),
                "the report lines, under their fork; the figures line is not printed");
    }

    @Test
    void aForkThatFailsIsCountedAndOneWithoutFiguresStopsTheRun() throws InterruptedException {
        assertFalse(Forks.run(1, Measuring.class, List.of("fail", "3"), Figures.class, out).allSucceeded());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Forks.run(1, Measuring.class, List.of("no-figures", "3"), Figures.class, out));
        assertTrue(missing.getMessage().contains("fork 1 ended (exit code 0) without its figures"),
                missing.getMessage());
    }

    @Test
    void theMedianOfEachFigureIsTakenOnItsOwn() {
        List<RealtimeFigures> forks = List.of(figures(2.4, 1.8), figures(3.0, 1.9), figures(2.5, 2.1));

        assertEquals(2.5, RealtimeFigures.median(forks, RealtimeFigures::tickP50));
        assertEquals(1.9, RealtimeFigures.median(forks, RealtimeFigures::bareP50));
        assertEquals(2.4 / 1.8, RealtimeFigures.median(forks, RealtimeFigures::ratioOfMedians), 1e-9,
                "each JVM's own ratio (1.33, 1.58, 1.19), not the ratio of the medians");
        assertEquals(2.7, RealtimeFigures.median(forks.subList(0, 2), RealtimeFigures::tickP50), 1e-9,
                "an even count: the mean of the middle two");
    }

    @Test
    void theOverheadIsEachJvmsOwnTickMinusBareCostAndItsMedianIsPrinted() {
        // Overheads 0.1, 2.0 and 1.5 ms: median 1.5, where the medians' difference (3.0 - 1.9) would say 1.1.
        List<RealtimeFigures> forks = List.of(figures(2.0, 1.9), figures(3.0, 1.0), figures(4.0, 2.5));
        assertEquals(1.5, RealtimeFigures.median(forks, RealtimeFigures::overheadP50), 1e-9);

        RealtimeFigures.printMedian(forks, out);
        String report = printed.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("a tick adds, median of 3 JVMs: 1.50 ms to the bare work"), report);
    }

    private static RealtimeFigures figures(double tickP50, double bareP50) {
        return new RealtimeFigures(5000, 30, 0, 2, 100, 0, tickP50, tickP50 * 2, tickP50 * 3, tickP50, 200, bareP50,
                bareP50, 100, 1 << 20, 1 << 21, 1 << 30);
    }
}
