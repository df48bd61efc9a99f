package com.wixanswers.wfm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples used heap every few milliseconds on a daemon thread and keeps the highest value seen. */
final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile long peak;
    private volatile boolean running = true;

    HeapSampler() {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peak) {
            peak = used;
        }
    }

    /** Starts a new measurement after a full collection, so one phase's garbage does not count in the next. */
    void reset() {
        System.gc();
        peak = 0;
        sample();
    }

    long peakBytes() {
        sample();
        return peak;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
