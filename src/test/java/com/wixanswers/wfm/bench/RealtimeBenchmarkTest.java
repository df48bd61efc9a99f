package com.wixanswers.wfm.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real-time benchmark on a small floor: real ticks against its stand-ins, each paired with its bare round. */
class RealtimeBenchmarkTest {
    @Test
    void eachTicksBareRoundEncodesTheVeryStatesThatTickSent() throws InterruptedException {
        // 20 unmeasured ticks (the first of all among them) and 20 measured ones, a virtual minute apart: minutes 1
        // to 40, snapshots at minutes 1, 16 and 31, the other ticks send the changes.
        RealtimeFigures figures = RealtimeBenchmark.measure(200, 20, 20);

        assertEquals(0, figures.failedTicks());
        assertEquals(1, figures.snapshots(), "the snapshot at minute 31 is the one among the 20 measured ticks");
        assertTrue(figures.statesSent() > 150, "a snapshot of the logged-on part of 200 agents and the changes: "
                + figures.statesSent());
        assertEquals(figures.statesSent(), figures.bareStates(), "the bare rounds encode what the ticks sent");
        assertTrue(figures.bareP50() > 0 && figures.tickP50() > 0);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        figures.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String report = printed.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("bare cost, right after each tick (decode its answer, encode its RTA bodies, "
                + String.format(Locale.ROOT, "%,d", figures.statesSent()) + " states in all"), report);
        assertTrue(report.contains("0 failed ticks"), report);
    }
}
