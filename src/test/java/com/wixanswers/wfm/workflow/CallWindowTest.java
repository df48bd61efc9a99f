package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.TaskOrchestrationContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The window's arithmetic: a minute's cap, an hour's cap, calls let go but not made, and what a generation carries. */
class CallWindowTest {
    private static final Instant START = Instant.parse("2026-12-03T09:00:00Z");
    private Instant now = START;

    /** An orchestration context that answers only its current instant, which the test moves. */
    private final TaskOrchestrationContext context = (TaskOrchestrationContext) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{TaskOrchestrationContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("getCurrentInstant")) {
                    return now;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private void calls(CallWindow window, int calls) {
        window.letGo(calls);
        window.answered(context, calls);
    }

    @Test
    void theHourCapHoldsOnceTheMinutesHaveUsedIt() {
        CallWindow window = new CallWindow(100, 250, null);
        calls(window, 100);
        now = START.plusSeconds(60);
        calls(window, 100);
        now = START.plusSeconds(120);
        assertEquals(50, window.room(context), "a minute's room, but the hour has only 50 left");
        calls(window, 50);
        now = START.plusSeconds(200);
        assertEquals(0, window.room(context));
        assertEquals(START.plusSeconds(3600), window.freeAt(context, 40), "when the first minute's calls leave the hour");
        assertEquals(START.plusSeconds(3600), window.freeAt(context, 100), "then a full minute's room");
    }

    @Test
    void callsLetGoButNotMadeAreFreeAtOnceAndThoseMadeCountAMinute() {
        CallWindow window = new CallWindow(100, 2_000, null);
        window.letGo(50);
        window.letGo(50);
        assertEquals(0, window.room(context));
        assertNull(window.freeAt(context, 1), "only outstanding calls stand in the way");
        window.answered(context, 50, 8);
        assertEquals(42, window.room(context), "the 42 calls not made are free at once");
        window.answered(context, 50, 50);
        now = START.plusSeconds(59);
        assertEquals(42, window.room(context));
        now = START.plusSeconds(60);
        assertEquals(100, window.room(context));
    }

    @Test
    void aPauseTheLastGenerationWasAskedForAndItsCallsCarryIntoTheNext() {
        CallWindow window = new CallWindow(100, 2_000, null);
        calls(window, 90);
        window.pause(context, java.time.Duration.ofSeconds(300));
        now = START.plusSeconds(10);
        CallWindow next = new CallWindow(100, 2_000, window.carried(context));
        assertEquals(0, next.room(context), "paused");
        assertEquals(START.plusSeconds(300), next.freeAt(context, 20));
        now = START.plusSeconds(300);
        assertEquals(100, next.room(context));
        calls(next, 100);
        CallWindow third = new CallWindow(100, 2_000, next.carried(context));
        now = START.plusSeconds(330);
        assertEquals(0, third.room(context), "the last minute's calls still count");
    }
}
