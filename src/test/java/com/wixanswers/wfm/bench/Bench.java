package com.wixanswers.wfm.bench;

import com.wixanswers.wfm.cli.Arguments;

import java.io.PrintStream;

/**
 * {@code scripts/calabrio-sync bench ...}: the benchmarks. They live with the tests, so that neither they nor their
 * loopback stand-ins ship in the deployed app; the script runs them on the test classpath.
 */
public final class Bench {
    static final String USAGE = """
            usage:
              calabrio-sync bench historical [--interactions N] [--queues Q] [--agents A] [--parallelism N]
                                             [--pairs P]
                  a generated day through the real pipeline against the bare work (SQL aggregations, serialising),
                  in alternating pairs after a warm-up pair: the median ratio
              calabrio-sync bench intraday [--interactions N] [--queues Q] [--agents A] [--pairs P]
                  the intraday run at the day's last slot against the bare queue aggregation of the same
                  intervals, and the database time a day of runs adds
              calabrio-sync bench realtime [--agents A] [--ticks N] [--warm-up W]
                  tick latency against loopback stand-ins of Wix Answers and Calabrio RTA
              calabrio-sync bench onboarding [--agents N] [--latency-ms L] [--cap C] [--time-scale S]
                                             [--throttle-every N]
                  tenant setup's calls a minute against the cap, calm and (with --throttle-every) under 429s
              calabrio-sync bench forecast [--skills N] [--days D] [--interval 15|30|60]
                  the forecast run against the bare query and file""";

    private Bench() {
    }

    public static void main(String[] argv) throws InterruptedException {
        System.exit(run(new Arguments(argv), System.out));
    }

    private static int[] counts(String list) {
        try {
            int[] counts = java.util.Arrays.stream(list.split(",")).map(String::strip).mapToInt(Integer::parseInt)
                    .toArray();
            if (counts.length == 0 || java.util.Arrays.stream(counts).anyMatch(count -> count < 1)) {
                throw new NumberFormatException();
            }
            return counts;
        } catch (NumberFormatException e) {
            throw new Arguments.UsageException("--agents must be whole numbers separated by commas, got '" + list
                    + "'");
        }
    }

    static int run(Arguments args, PrintStream out) throws InterruptedException {
        try {
            return switch (args.word(0)) {
                case "historical" -> {
                    int interactions = args.integer("interactions", 1_000_000, 1);
                    int queues = args.integer("queues", 500, 1);
                    int agents = args.integer("agents", 3_000, 1);
                    int parallelism = args.integer("parallelism", 4, 1);
                    int pairs = args.integer("pairs", 3, 1);
                    args.rejectUnknown();
                    yield HistoricalBenchmark.run(interactions, queues, agents, parallelism, pairs, out);
                }
                case "intraday" -> {
                    int interactions = args.integer("interactions", 200_000, 1);
                    int queues = args.integer("queues", 100, 1);
                    int agents = args.integer("agents", 600, 1);
                    int pairs = args.integer("pairs", 5, 1);
                    args.rejectUnknown();
                    yield IntradayBenchmark.run(interactions, queues, agents, pairs, out);
                }
                case "realtime" -> {
                    int[] agents = counts(args.option("agents", "5000,50000"));
                    int ticks = args.integer("ticks", 60, 2);
                    int warmUp = args.integer("warm-up", 100, 0);
                    args.rejectUnknown();
                    yield RealtimeBenchmark.run(agents, ticks, warmUp, out);
                }
                case "onboarding" -> {
                    int agents = args.integer("agents", 3_000, 1);
                    int latency = args.integer("latency-ms", 50, 0);
                    int cap = args.integer("cap", 400, 50);
                    int scale = args.integer("time-scale", 10, 1);
                    int throttleEvery = args.integer("throttle-every", 0, 0);
                    args.rejectUnknown();
                    yield OnboardingBenchmark.run(agents, latency, cap, scale, throttleEvery, out);
                }
                case "forecast" -> {
                    int skills = args.integer("skills", 200, 1);
                    int days = args.integer("days", 14, 1);
                    int interval = args.integer("interval", 15, 15);
                    args.rejectUnknown();
                    yield ForecastBenchmark.run(skills, days, interval, out);
                }
                default -> throw new Arguments.UsageException(args.word(0).isEmpty() ? "bench what?"
                        : "unknown benchmark '" + args.word(0) + "'");
            };
        } catch (Arguments.UsageException e) {
            System.err.println("calabrio-sync bench: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
    }
}
