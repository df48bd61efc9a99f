package com.wixanswers.wfm.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What one JVM of the real-time benchmark measured: times in milliseconds, heap in bytes; {@code bareStates} are
 * the RTA states the bare rounds encoded, which are the ones the measured ticks sent. The ratio is the
 * ticks' latency over the bare cost of the same payloads, as means and as medians (p50).
 */
record RealtimeFigures(int agents, int ticks, int warmUp, long snapshots, long statesSent, long failedTicks,
                       double tickP50, double tickP99, double tickMax, double tickMean, double firstTick,
                       double bareP50, double bareMean, long bareStates, long peakLiveBytes, long peakUsedBytes,
                       long maxHeapBytes) {

    double ratioOfMeans() {
        return tickMean / bareMean;
    }

    double ratioOfMedians() {
        return tickP50 / bareP50;
    }

    /**
     * What a tick adds to the bare work, in milliseconds (p50 − p50): HTTP, planning, waiting for Calabrio. The
     * ratio divides it by the codec's cost, so a faster machine or codec moves the ratio; this figure moves only
     * with the tick's own work.
     */
    double overheadP50() {
        return tickP50 - bareP50;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%d agents, %d ticks after %d warm-up ticks (5%% of agents change a minute;"
                + " %d snapshots, %,d states sent, %d failed ticks)%n", agents, ticks, warmUp, snapshots, statesSent,
                failedTicks);
        out.printf(Locale.ROOT, "tick latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", tickP50, tickP99, tickMax);
        out.printf(Locale.ROOT, "first tick of all (cold JVM: classes loading, connections opening): %.1f ms%n",
                firstTick);
        out.printf(Locale.ROOT, "bare cost, right after each tick (decode its answer, encode its RTA bodies, %,d states"
                + " in all, and its state): p50 %.1f ms, mean %.1f ms%n", bareStates, bareP50, bareMean);
        out.printf(Locale.ROOT, "ratio: %.2f (mean tick / mean bare cost), %.2f (p50 / p50); a tick adds %.2f ms"
                + " to the bare work (p50 - p50)%n", ratioOfMeans(), ratioOfMedians(), overheadP50());
        out.printf(Locale.ROOT, "peak heap: %d MiB live after GC (%d MiB used, garbage included); max heap %d MiB%n",
                peakLiveBytes >> 20, peakUsedBytes >> 20, maxHeapBytes >> 20);
    }

    /** Each figure's median over the JVMs, taken on its own, and every JVM's two ratios (means/medians). */
    static void printMedian(List<RealtimeFigures> forks, PrintStream out) {
        out.printf(Locale.ROOT, "median of %d JVMs: tick latency p50 %.1f ms, p99 %.1f ms; bare cost p50 %.1f ms,"
                + " mean %.1f ms%n", forks.size(), median(forks, RealtimeFigures::tickP50),
                median(forks, RealtimeFigures::tickP99), median(forks, RealtimeFigures::bareP50),
                median(forks, RealtimeFigures::bareMean));
        out.printf(Locale.ROOT, "ratio, median of %d JVMs: %.2f (mean tick / mean bare cost), %.2f (p50 / p50);"
                + " each JVM's: %s%n", forks.size(), median(forks, RealtimeFigures::ratioOfMeans),
                median(forks, RealtimeFigures::ratioOfMedians), forks.stream()
                        .map(f -> String.format(Locale.ROOT, "%.2f/%.2f", f.ratioOfMeans(), f.ratioOfMedians()))
                        .collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "a tick adds, median of %d JVMs: %.2f ms to the bare work (p50 - p50)%n",
                forks.size(), median(forks, RealtimeFigures::overheadP50));
        out.printf(Locale.ROOT, "peak heap: %d MiB live after GC at most (in any JVM)%n",
                forks.stream().mapToLong(RealtimeFigures::peakLiveBytes).max().orElse(0) >> 20);
    }

    /** The middle value; for an even count, the mean of the two middle ones. */
    static double median(List<RealtimeFigures> forks, ToDoubleFunction<RealtimeFigures> figure) {
        double[] values = forks.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
