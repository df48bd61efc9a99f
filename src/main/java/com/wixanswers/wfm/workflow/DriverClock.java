package com.wixanswers.wfm.workflow;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the in-process driver sees it: the orchestrations' current instant and when durable timers fire. The
 * system clock waits for real (the operator CLI); a virtual clock jumps to a timer's due time (tests), so a
 * retry an hour later costs nothing. A timer fires strictly after its due time, as in Azure: durabletask
 * re-arms a timer that wakes at exactly its fire time.
 */
public interface DriverClock {
    Instant now();

    /** How long to wait in real time until after {@code at}; a virtual clock moves past it and answers zero. */
    Duration untilDue(Instant at);

    static DriverClock system() {
        return new DriverClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Duration untilDue(Instant at) {
                Duration wait = Duration.between(Instant.now(), at).plusMillis(1);
                return wait.isNegative() ? Duration.ZERO : wait;
            }
        };
    }

    static DriverClock virtual(Instant start) {
        return new DriverClock() {
            private Instant now = start;

            @Override
            public synchronized Instant now() {
                return now;
            }

            @Override
            public synchronized Duration untilDue(Instant at) {
                if (!now.isAfter(at)) {
                    now = at.plusMillis(1);
                }
                return Duration.ZERO;
            }
        };
    }
}
