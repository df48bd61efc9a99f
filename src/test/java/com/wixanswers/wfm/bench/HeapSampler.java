package com.wixanswers.wfm.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;

/**
 * The heap a phase needs: the peak of the heap still in use after each garbage collection (live data, whatever
 * the collector's laziness), and for reference the peak used heap sampled every few milliseconds (which includes
 * garbage not yet collected).
 */
final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final NotificationListener listener = this::afterCollection;
    private volatile long peakUsed;
    private volatile long peakLive;
    private volatile boolean running = true;

    HeapSampler() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
        }
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void afterCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        long live = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeapPool(pool.getKey())) {
                live += pool.getValue().getUsed();
            }
        }
        if (live > peakLive) {
            peakLive = live;
        }
    }

    private static boolean isHeapPool(String name) {
        return !(name.contains("Metaspace") || name.contains("Code") || name.contains("Compressed Class"));
    }

    private void sample() {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peakUsed) {
            peakUsed = used;
        }
    }

    /** Starts a new measurement after a full collection, so one phase's data does not count in the next. */
    void reset() {
        System.gc();
        peakUsed = 0;
        peakLive = 0;
        sample();
    }

    long peakUsedBytes() {
        sample();
        return peakUsed;
    }

    long peakLiveBytes() {
        return peakLive;
    }

    /** The heap live now: used right after a full collection. */
    static long liveNow() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The peak live heap while {@code work} runs: the heap used right after a full collection forced every
     * {@code periodMillis}, a sample of what is really reachable at that moment. Slows the work down: never time it.
     */
    static long peakLiveDuring(Runnable work, long periodMillis) throws InterruptedException {
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(liveNow(), Math::max);
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-collector");
        collector.setDaemon(true);
        collector.start();
        try {
            work.run();
        } finally {
            done.set(true);
            collector.join();
        }
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
