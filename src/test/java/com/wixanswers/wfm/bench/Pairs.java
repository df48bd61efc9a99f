package com.wixanswers.wfm.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A bare run and a pipeline run, in alternating pairs after one warm-up pair: this machine's speed swings by up to a
 * factor of two within seconds, and a pair is measured at one speed, so the median of the pairs' ratios is what is
 * compared with a goal, never one run against another taken minutes apart.
 */
final class Pairs {
    /** One run of either side: its work, timed by the caller, answering its nanoseconds. */
    interface Run {
        long nanos() throws InterruptedException, IOException;
    }

    /** The measured pairs (the warm-up left out). */
    record Result(List<Long> bare, List<Long> pipeline) {
        List<Double> ratios() {
            List<Double> ratios = new ArrayList<>();
            for (int index = 0; index < bare.size(); index++) {
                ratios.add((double) pipeline.get(index) / bare.get(index));
            }
            return ratios;
        }

        double ratio() {
            return median(ratios());
        }

        double bareSeconds() {
            return median(bare) / 1e9;
        }

        double pipelineSeconds() {
            return median(pipeline) / 1e9;
        }

        /** {@code 1.02  (median of the pairs' pipeline / bare work: 0.98 1.02 1.10; goal at most 1.5)}. */
        String ratioLine(double goal) {
            return String.format(Locale.ROOT, "%.2f  (median of the pairs' pipeline / bare work: %s; goal at most %.1f)",
                    ratio(), ratios().stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio))
                            .collect(Collectors.joining(" ")), goal);
        }
    }

    private Pairs() {
    }

    static Result run(int pairs, Run bare, Run pipeline) throws InterruptedException, IOException {
        List<Long> bareTimes = new ArrayList<>();
        List<Long> pipelineTimes = new ArrayList<>();
        for (int round = 0; round <= pairs; round++) {
            long bareNanos = bare.nanos();
            long pipelineNanos = pipeline.nanos();
            if (round > 0) {
                bareTimes.add(bareNanos);
                pipelineTimes.add(pipelineNanos);
            }
        }
        return new Result(bareTimes, pipelineTimes);
    }

    static <T extends Number & Comparable<T>> double median(List<T> values) {
        List<T> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle).doubleValue()
                : (sorted.get(middle - 1).doubleValue() + sorted.get(middle).doubleValue()) / 2;
    }
}
