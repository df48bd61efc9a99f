package com.wixanswers.wfm.workflow;

import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process driver replays orchestrators through durabletask's own executor, with the host's semantics. */
class InProcessDriverTest {
    private static final Instant START = Instant.parse("2026-11-28T02:30:00Z");
    private final DriverClock clock = DriverClock.virtual(START);
    private InProcessDriver driver;

    /** An activity input as the Functions worker binds it with Gson: plain fields. */
    public static final class Numbers {
        public int value;
        public List<String> tags = new ArrayList<>();

        public Numbers() {
        }

        Numbers(int value) {
            this.value = value;
        }
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private InstanceState run(WorkflowCatalog catalog, String orchestrator, Object input, String id)
            throws InterruptedException {
        driver = new InProcessDriver(catalog, 4, clock);
        driver.start(orchestrator, input, id);
        return driver.awaitCompletion(id);
    }

    @Test
    void fanOutAndFanInAcrossAnActivityPool() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Double", Numbers.class, n -> new Numbers(n.value * 2))
                .orchestrator("Sum", context -> {
                    List<Task<Numbers>> doubled = new ArrayList<>();
                    for (int i = 1; i <= 100; i++) {
                        doubled.add(context.callActivity("Double", new Numbers(i), Numbers.class));
                    }
                    return context.allOf(doubled).await().stream().mapToInt(n -> n.value).sum();
                });
        InstanceState state = run(catalog, "Sum", null, "sum-1");
        assertEquals(InstanceState.Status.COMPLETED, state.status());
        assertEquals("10100", state.output());
        assertEquals(100, driver.stats().activitiesRun());
        assertTrue(driver.stats().replayEventsPerActivity() < 5,
                "completions arrive together: " + driver.stats().replayEventsPerActivity());
    }

    @Test
    void subOrchestrationsRunUnderTheirOwnIdsAndReportToTheParent() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Double", Numbers.class, n -> new Numbers(n.value * 2))
                .orchestrator("Child", context -> {
                    int value = context.getInput(Numbers.class).value;
                    context.setCustomStatus(Map.of("child", value));
                    return context.callActivity("Double", new Numbers(value), Numbers.class).await().value;
                })
                .orchestrator("Parent", context -> {
                    List<Task<Integer>> children = new ArrayList<>();
                    for (int i = 1; i <= 3; i++) {
                        children.add(context.callSubOrchestrator("Child", new Numbers(i), "child-" + i, Integer.class));
                    }
                    return context.allOf(children).await();
                });
        InstanceState parent = run(catalog, "Parent", null, "parent");
        assertEquals("[2,4,6]", parent.output());
        InstanceState child = driver.instance("child-2").orElseThrow();
        assertEquals(InstanceState.Status.COMPLETED, child.status());
        assertEquals("{\"child\":2}", child.customStatus());
    }

    @Test
    void aFailingActivityIsRetriedOnDurableTimersUntilItPasses() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Flaky", Numbers.class, n -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("database unreachable, attempt " + attempts.get());
                    }
                    return n;
                })
                .orchestrator("Retrying", context -> context.callActivity("Flaky", new Numbers(7),
                        ActivityRetry.options(), Numbers.class).await().value);
        InstanceState state = run(catalog, "Retrying", null, "retrying");
        assertEquals(InstanceState.Status.COMPLETED, state.status());
        assertEquals("7", state.output());
        assertEquals(3, attempts.get());
        // Two durable timers: 30 s, then 60 s, on the driver's (virtual) clock.
        assertTrue(!clock.now().isBefore(START.plusSeconds(90)), "clock at " + clock.now());
    }

    @Test
    void anActivityThatKeepsFailingFailsItsTaskWithTheLastError() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Broken", Numbers.class, n -> {
                    throw new IllegalStateException("still down (" + attempts.incrementAndGet() + ")");
                })
                .orchestrator("Catching", context -> {
                    try {
                        context.callActivity("Broken", new Numbers(1), ActivityRetry.options(), Numbers.class).await();
                        return "unexpected";
                    } catch (TaskFailedException e) {
                        return e.getErrorDetails().getErrorMessage();
                    }
                });
        InstanceState state = run(catalog, "Catching", null, "catching");
        assertEquals("\"still down (3)\"", state.output());
        assertEquals(ActivityRetry.MAX_ATTEMPTS, attempts.get());
    }

    @Test
    void anUncaughtFailureFailsTheOrchestrationAndItsParentSeesIt() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog()
                .orchestrator("Failing", context -> {
                    throw new IllegalArgumentException("no such day");
                })
                .orchestrator("Parent", context -> {
                    try {
                        return context.callSubOrchestrator("Failing", null, "failing", String.class).await();
                    } catch (TaskFailedException e) {
                        return "child failed: " + e.getErrorDetails().getErrorMessage();
                    }
                });
        InstanceState parent = run(catalog, "Parent", null, "parent");
        assertEquals("\"child failed: Unexpected failure in the task execution\"", parent.output(),
                "in Azure a parent never sees the child's own message");
        InstanceState child = driver.instance("failing").orElseThrow();
        assertEquals(InstanceState.Status.FAILED, child.status());
        assertEquals(RuntimeException.class.getName(), child.failureType(), "durabletask-azure-functions' wrapping");
        assertEquals("Unexpected failure in the task execution", child.failureMessage());
    }

    @Test
    void whatTheMiddlewarePassesThroughAndWhatItWrapsIsAzuresOwnRule() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Broken", String.class, input -> {
                    throw new IllegalStateException("the database is down");
                })
                .orchestrator("LetsTheTaskFailureThrough", context ->
                        context.callActivity("Broken", "x", String.class).await())
                .orchestrator("SaysWhyInItsStatus", context -> {
                    context.setCustomStatus("the day could not be planned: the database is down");
                    throw new IllegalStateException("the day could not be planned");
                })
                .orchestrator("ContinuesAsNew", context -> {
                    int generation = context.getInput(Integer.class);
                    if (generation < 2) {
                        context.continueAsNew(generation + 1);
                        return null;
                    }
                    return "generation " + generation;
                });
        InstanceState taskFailed = run(catalog, "LetsTheTaskFailureThrough", null, "task-failed");
        assertEquals(InstanceState.Status.FAILED, taskFailed.status());
        assertEquals("Unexpected failure in the task execution", taskFailed.failureMessage(),
                "durabletask-azure-functions 1.4.0 wraps even a TaskFailedException");

        InstanceState withStatus = run(catalog, "SaysWhyInItsStatus", null, "with-status");
        assertEquals("Unexpected failure in the task execution", withStatus.failureMessage());
        assertEquals("\"the day could not be planned: the database is down\"", withStatus.customStatus(),
                "the host keeps the custom status a failing replay set: where the reason is read");

        InstanceState continued = run(catalog, "ContinuesAsNew", 0, "continued");
        assertEquals("\"generation 2\"", continued.output(), "continue-as-new passes through the middleware");
    }

    @Test
    void anOrchestratorThatChangesOnReplayIsCaughtAsNondeterministic() throws InterruptedException {
        // Reads state from outside the history (as a clock or random would): on replay it schedules one task
        // fewer than the history recorded.
        AtomicInteger executions = new AtomicInteger();
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("A", Numbers.class, n -> n)
                .orchestrator("Wobbly", context -> {
                    List<Task<Numbers>> tasks = new ArrayList<>();
                    int count = executions.incrementAndGet() == 1 ? 2 : 1;
                    for (int i = 0; i < count; i++) {
                        tasks.add(context.callActivity("A", new Numbers(i), Numbers.class));
                    }
                    return context.allOf(tasks).await().size();
                });
        InstanceState state = run(catalog, "Wobbly", null, "wobbly");
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertEquals("com.microsoft.durabletask.NonDeterministicOrchestratorException", state.failureType());
        assertTrue(state.failureMessage().contains("Non-deterministic orchestrator detected"), state.failureMessage());
    }

    @Test
    void anOrchestratorThatRenamesAnActivityOnReplayIsCaughtToo() throws InterruptedException {
        AtomicInteger executions = new AtomicInteger();
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("A", Numbers.class, n -> n)
                .activity("B", Numbers.class, n -> n)
                .orchestrator("Renaming", context -> {
                    String name = executions.incrementAndGet() == 1 ? "A" : "B";
                    return context.callActivity(name, new Numbers(1), Numbers.class).await().value;
                });
        InstanceState state = run(catalog, "Renaming", null, "renaming");
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertTrue(state.failureMessage().contains("the history has activity A({\"value\":1,\"tags\":[]}) as action #0,"
                + " the replay issued activity B"), state.failureMessage());
    }

    @Test
    void activityInputsAreBoundWithGsonAndOutputsReadWithJackson() throws InterruptedException {
        Map<String, Numbers> seen = new ConcurrentHashMap<>();
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Tag", Numbers.class, n -> {
                    seen.put("input", n);
                    n.tags.add("seen");
                    return n;
                })
                .orchestrator("Tagging", context -> {
                    Numbers input = new Numbers(5);
                    input.tags.add("new");
                    return context.callActivity("Tag", input, Numbers.class).await().tags;
                });
        InstanceState state = run(catalog, "Tagging", null, "tagging");
        assertEquals("[\"new\",\"seen\"]", state.output());
        assertEquals(5, seen.get("input").value);
    }

    @Test
    void theOrchestrationsClockIsTheDriversAndTimersWaitOnIt() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog().orchestrator("Sleeper", (TaskOrchestrationContext context) -> {
            Instant before = context.getCurrentInstant();
            context.createTimer(Duration.ofHours(2)).await();
            return Duration.between(before, context.getCurrentInstant()).toMinutes();
        });
        InstanceState state = run(catalog, "Sleeper", null, "sleeper");
        assertEquals("120", state.output());
    }

    @Test
    void aStartOfARunningInstanceIsDroppedAsTheAzureStorageBackendDropsIt() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        WorkflowCatalog catalog = new WorkflowCatalog().orchestrator("Sleeper", context -> {
            if (!context.getIsReplaying()) {
                runs.incrementAndGet();
            }
            context.createTimer(Duration.ofMinutes(1)).await();
            return context.getInput(Numbers.class).value;
        });
        driver = new InProcessDriver(catalog, 1, clock);
        driver.start("Sleeper", new Numbers(1), "one");
        assertTrue(driver.isRunning("one"));
        driver.start("Sleeper", new Numbers(2), "one");
        assertEquals("1", driver.awaitCompletion("one").output(), "the second start was dropped, not queued");
        assertFalse(driver.isRunning("one"));
        driver.start("Sleeper", new Numbers(3), "one");
        assertEquals("3", driver.awaitCompletion("one").output(), "a finished instance starts again");
    }

    @Test
    void aSubOrchestrationStartedUnderARunningIdLeavesItsParentWaitingForever() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog()
                .orchestrator("Sleeper", context -> {
                    context.createTimer(Duration.ofDays(1)).await();
                    return 1;
                })
                .orchestrator("Parent", context -> context.callSubOrchestrator("Sleeper", null, "shared-day",
                        Integer.class).await());
        driver = new InProcessDriver(catalog, 1, clock);
        driver.start("Sleeper", null, "shared-day");
        driver.start("Parent", null, "parent");
        IllegalStateException hang = assertThrows(IllegalStateException.class, () -> driver.awaitCompletion("parent"));
        assertTrue(hang.getMessage().contains("waits for something that never comes"), hang.getMessage());
    }

    @Test
    void continueAsNewStartsAFreshGenerationUnderTheSameId() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Double", Numbers.class, n -> new Numbers(n.value * 2))
                .orchestrator("Doubling", context -> {
                    Numbers number = context.getInput(Numbers.class);
                    Numbers doubled = context.callActivity("Double", number, Numbers.class).await();
                    context.setCustomStatus(Map.of("value", doubled.value));
                    if (doubled.value < 100) {
                        context.continueAsNew(doubled);
                        return null;
                    }
                    return doubled.value;
                });
        InstanceState state = run(catalog, "Doubling", new Numbers(1), "doubling");
        assertEquals(InstanceState.Status.COMPLETED, state.status());
        assertEquals("128", state.output());
        assertEquals("{\"value\":128}", state.customStatus());
        assertTrue(driver.stats().replayEvents() < 7 * 10, "each generation replays its own short history");
    }

    @Test
    void aCustomStatusOver16KbAsUtf16FailsTheInstanceAsTheHostWould() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog().orchestrator("Chatty", context -> {
            context.setCustomStatus("x".repeat(HostLimits.CUSTOM_STATUS_UTF16_BYTES / 2));
            return 1;
        });
        InstanceState state = run(catalog, "Chatty", null, "chatty");
        assertEquals(InstanceState.Status.FAILED, state.status());
        assertEquals(HostLimits.ERROR_TYPE, state.failureType());
        assertTrue(state.failureMessage().contains("custom status is 16,388 bytes as UTF-16"), state.failureMessage());

        WorkflowCatalog within = new WorkflowCatalog().orchestrator("Chatty", context -> {
            context.setCustomStatus("x".repeat(HostLimits.CUSTOM_STATUS_UTF16_BYTES / 2 - 3));
            return 1;
        });
        assertEquals(InstanceState.Status.COMPLETED, run(within, "Chatty", null, "chatty-2").status(),
                "16 KB exactly is allowed");
    }

    @Test
    void anActivityOutputOver4MbFailsTheActivityAsTheWorkerWould() throws InterruptedException {
        WorkflowCatalog catalog = new WorkflowCatalog()
                .activity("Big", Numbers.class, n -> "x".repeat(HostLimits.MESSAGE_BYTES))
                .orchestrator("Caller", context -> {
                    try {
                        return context.callActivity("Big", new Numbers(1), String.class).await().length();
                    } catch (TaskFailedException e) {
                        return e.getErrorDetails().getErrorMessage();
                    }
                });
        InstanceState state = run(catalog, "Caller", null, "caller");
        assertTrue(state.output().contains("more than the 4,194,304 the Functions worker's messages can carry"),
                state.output());
    }
}
