package com.wixanswers.wfm.workflow;

import com.google.gson.Gson;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.OrchestratorFunction;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.internal.middleware.OrchestrationMiddleware;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ScheduleTaskAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Runs orchestrations in this process the way the Durable Functions host does, for the CLI and the tests: every
 * episode hands the instance's history to durabletask-azure-functions' own {@code OrchestrationMiddleware}, which
 * replays it with durabletask's {@code OrchestrationRunner} and rewrites what the orchestrator throws exactly as in
 * Azure ("Unexpected failure in the task execution" for all it does not pass through). The driver turns the actions
 * into history, runs activities on a bounded pool (bound with Gson, as the Java worker does, inside the app's
 * {@link InvocationLogging} middleware) and fires durable timers on its {@link DriverClock}. It holds the
 * orchestrators to the host's limits and behaves as the Azure Storage backend does where that matters: see
 * {@link HostLimits}, and a start of an instance id that is still running is dropped. Before each replay it checks
 * determinism itself, as durabletask-java 1.5 does not.
 */
public final class InProcessDriver implements OrchestrationClient, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InProcessDriver.class.getName());
    /** durabletask's own exception type for this failure (the class is package-private there). */
    static final String NONDETERMINISM = "com.microsoft.durabletask.NonDeterministicOrchestratorException";
    static final String ORCHESTRATION_TRIGGER = "DurableOrchestrationTrigger";
    static final String ACTIVITY_TRIGGER = "DurableActivityTrigger";

    private final WorkflowCatalog catalog;
    private final DriverClock clock;
    private final ExecutorService activityPool;
    private final Gson gson = new Gson();
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private int runningActivities;

    private final AtomicLong replayEvents = new AtomicLong();
    private final AtomicLong episodes = new AtomicLong();
    private final AtomicLong activitiesRun = new AtomicLong();
    private final AtomicLong verificationEvents = new AtomicLong();
    private final AtomicLong generations = new AtomicLong();

    /**
     * Figures of the work done so far: what replay cost. {@code replayEvents} is what the host would replay;
     * {@code verificationEvents} is the driver's own determinism check on top.
     */
    public record Stats(long episodes, long replayEvents, long activitiesRun, long verificationEvents) {
        public double replayEventsPerActivity() {
            return activitiesRun == 0 ? 0 : (double) replayEvents / activitiesRun;
        }
    }

    private record Delivery(String instanceId, HistoryEvent event, boolean fromActivity) {
    }

    private static final class Instance {
        final String id;
        final String name;
        final String parentId;
        final int parentTaskId;
        final List<HistoryEvent> history = new ArrayList<>();
        final List<HistoryEvent> inbox = new ArrayList<>();
        final Map<Integer, Instant> timers = new HashMap<>();
        int runningActivities;
        InstanceState.Status status = InstanceState.Status.RUNNING;
        String output;
        String customStatus;
        String failureType;
        String failureMessage;

        Instance(String id, String name, String parentId, int parentTaskId) {
            this.id = id;
            this.name = name;
            this.parentId = parentId;
            this.parentTaskId = parentTaskId;
        }

        InstanceState state() {
            return new InstanceState(id, name, status, output, customStatus, failureType, failureMessage);
        }
    }

    /**
     * @param parallelism activities running at once
     */
    public InProcessDriver(WorkflowCatalog catalog, int parallelism, DriverClock clock) {
        this.catalog = catalog;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.activityPool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "activity-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized boolean isRunning(String instanceId) {
        Instance instance = instances.get(instanceId);
        return instance != null && !instance.state().isFinished();
    }

    @Override
    public synchronized Optional<String> runningWithPrefix(String prefix) {
        return instances.values().stream().filter(instance -> instance.id.startsWith(prefix)
                && !instance.state().isFinished()).map(instance -> instance.id).findFirst();
    }

    @Override
    public synchronized boolean exists(String instanceId) {
        return instances.containsKey(instanceId);
    }

    /**
     * Registers a new instance; {@link #awaitCompletion} runs it. A start of an instance id that is still running
     * is dropped without a word, as the Azure Storage backend drops it.
     */
    @Override
    public synchronized void start(String orchestrator, Object input, String instanceId) {
        if (isRunning(instanceId)) {
            LOG.warning(() -> "orchestration " + instanceId + " is running: its new start is dropped, as the Azure"
                    + " Storage backend drops it");
            return;
        }
        // The client side serialises inputs with durabletask's Jackson converter, as DurableTaskClient does.
        String json = new JacksonDataConverter().serialize(input);
        create(orchestrator, instanceId, json, null, -1);
    }

    public synchronized Optional<InstanceState> instance(String instanceId) {
        return Optional.ofNullable(instances.get(instanceId)).map(Instance::state);
    }

    public Stats stats() {
        return new Stats(episodes.get(), replayEvents.get(), activitiesRun.get(), verificationEvents.get());
    }

    /** Runs episodes, activities and timers until {@code instanceId} has finished, and answers its final state. */
    public synchronized InstanceState awaitCompletion(String instanceId) throws InterruptedException {
        Instance root = instances.get(instanceId);
        if (root == null) {
            throw new IllegalArgumentException("no orchestration " + instanceId + " was started");
        }
        while (!root.state().isFinished()) {
            collectDeliveries(deliveries.poll());
            fireDueTimers();
            List<Instance> ready = instances.values().stream()
                    .filter(instance -> !instance.state().isFinished() && !instance.inbox.isEmpty()
                            && instance.runningActivities == 0)
                    .toList();
            if (!ready.isEmpty()) {
                ready.forEach(this::runEpisode);
                continue;
            }
            Optional<Instant> nextTimer = instances.values().stream()
                    .filter(instance -> !instance.state().isFinished())
                    .flatMap(instance -> instance.timers.values().stream())
                    .min(Instant::compareTo);
            if (runningActivities == 0 && nextTimer.isEmpty()) {
                throw new IllegalStateException("orchestration " + instanceId + " waits for something that never"
                        + " comes (an external event?); the in-process driver runs activities, sub-orchestrations"
                        + " and timers only");
            }
            Duration wait = nextTimer.map(clock::untilDue).orElse(null);
            Delivery next = wait == null ? deliveries.take() : deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            collectDeliveries(next);
        }
        return root.state();
    }

    private void collectDeliveries(Delivery first) {
        for (Delivery delivery = first; delivery != null; delivery = deliveries.poll()) {
            Instance instance = instances.get(delivery.instanceId());
            if (delivery.fromActivity()) {
                runningActivities--;
                instance.runningActivities--;
            }
            instance.inbox.add(delivery.event());
        }
    }

    private void fireDueTimers() {
        Instant now = clock.now();
        for (Instance instance : instances.values()) {
            Iterator<Map.Entry<Integer, Instant>> timers = instance.timers.entrySet().iterator();
            while (timers.hasNext()) {
                Map.Entry<Integer, Instant> timer = timers.next();
                if (now.isAfter(timer.getValue())) {
                    timers.remove();
                    instance.inbox.add(event().setTimerFired(TimerFiredEvent.newBuilder()
                            .setTimerId(timer.getKey()).setFireAt(timestamp(timer.getValue()))).build());
                }
            }
        }
    }

    private void create(String name, String instanceId, String input, String parentId, int parentTaskId) {
        Instance instance = new Instance(instanceId, name, parentId, parentTaskId);
        instance.inbox.add(executionStarted(instanceId, name, input, parentId, parentTaskId));
        instances.put(instanceId, instance);
    }

    private HistoryEvent executionStarted(String instanceId, String name, String input, String parentId,
                                          int parentTaskId) {
        ExecutionStartedEvent.Builder started = ExecutionStartedEvent.newBuilder()
                .setName(name)
                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(instanceId)
                        .setExecutionId(StringValue.of(instanceId)));
        if (input != null) {
            started.setInput(StringValue.of(input));
        }
        if (parentId != null) {
            started.setParentInstance(ParentInstanceInfo.newBuilder().setTaskScheduledId(parentTaskId)
                    .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(parentId)));
        }
        return event().setExecutionStarted(started).build();
    }

    private void runEpisode(Instance instance) {
        try {
            replay(instance);
        } catch (HostLimits.Exceeded e) {
            fail(instance, HostLimits.ERROR_TYPE, instance.id + ": " + e.getMessage());
        }
    }

    private void fail(Instance instance, String type, String message) {
        instance.inbox.clear();
        complete(instance, CompleteOrchestrationAction.newBuilder()
                .setOrchestrationStatus(OrchestrationStatus.ORCHESTRATION_STATUS_FAILED)
                .setFailureDetails(TaskFailureDetails.newBuilder().setErrorType(type).setErrorMessage(message))
                .build());
    }

    private void replay(Instance instance) {
        Optional<String> divergence = instance.history.isEmpty() ? Optional.empty() : replayDivergence(instance);
        if (divergence.isPresent()) {
            fail(instance, NONDETERMINISM, "Non-deterministic orchestrator detected in " + instance.id + ": "
                    + divergence.get());
            return;
        }
        List<HistoryEvent> newEvents = new ArrayList<>(instance.inbox.size() + 1);
        newEvents.add(event().setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build());
        newEvents.addAll(instance.inbox);
        instance.inbox.clear();

        episodes.incrementAndGet();
        replayEvents.addAndGet(instance.history.size() + newEvents.size());
        OrchestratorResponse response = execute(instance, instance.history, newEvents);
        instance.history.addAll(newEvents);
        Optional<String> overLimit = HostLimits.breach(response);
        if (overLimit.isPresent()) {
            fail(instance, HostLimits.ERROR_TYPE, instance.id + ": " + overLimit.get());
            return;
        }
        if (response.hasCustomStatus() && !response.getCustomStatus().getValue().isEmpty()) {
            instance.customStatus = response.getCustomStatus().getValue();
        }
        for (OrchestratorAction action : response.getActionsList()) {
            apply(instance, action);
        }
    }

    /** Where a replay of the instance's past issues other actions than its history recorded, if anywhere. */
    private Optional<String> replayDivergence(Instance instance) {
        Map<Integer, HistoryEvent> recorded = new LinkedHashMap<>();
        List<HistoryEvent> withoutActions = new ArrayList<>(instance.history.size());
        for (HistoryEvent event : instance.history) {
            if (isActionEvent(event)) {
                recorded.put(event.getEventId(), event);
            } else {
                withoutActions.add(event);
            }
        }
        OrchestratorResponse replay = execute(instance, withoutActions, List.of());
        verificationEvents.addAndGet(withoutActions.size());
        Map<Integer, OrchestratorAction> issued = new HashMap<>();
        replay.getActionsList().forEach(action -> issued.put(action.getId(), action));
        for (HistoryEvent event : recorded.values()) {
            OrchestratorAction action = issued.get(event.getEventId());
            String expected = describe(event);
            String actual = action == null ? "nothing" : describe(action);
            if (!expected.equals(actual)) {
                return Optional.of("the history has " + expected + " as action #" + event.getEventId()
                        + ", the replay issued " + actual
                        + ". Was the orchestrator changed, or does it read a clock, random or I/O?");
            }
        }
        return Optional.empty();
    }

    private static boolean isActionEvent(HistoryEvent event) {
        return event.hasTaskScheduled() || event.hasTimerCreated() || event.hasSubOrchestrationInstanceCreated();
    }

    private static String describe(HistoryEvent event) {
        if (event.hasTaskScheduled()) {
            return "activity " + event.getTaskScheduled().getName() + "(" + event.getTaskScheduled().getInput()
                    .getValue() + ")";
        }
        if (event.hasTimerCreated()) {
            return "timer at " + event.getTimerCreated().getFireAt();
        }
        SubOrchestrationInstanceCreatedEvent sub = event.getSubOrchestrationInstanceCreated();
        return "sub-orchestration " + sub.getName() + " " + sub.getInstanceId() + "(" + sub.getInput().getValue()
                + ")";
    }

    private static String describe(OrchestratorAction action) {
        return switch (action.getOrchestratorActionTypeCase()) {
            case SCHEDULETASK -> "activity " + action.getScheduleTask().getName() + "("
                    + action.getScheduleTask().getInput().getValue() + ")";
            case CREATETIMER -> "timer at " + action.getCreateTimer().getFireAt();
            case CREATESUBORCHESTRATION -> "sub-orchestration " + action.getCreateSubOrchestration().getName() + " "
                    + action.getCreateSubOrchestration().getInstanceId() + "("
                    + action.getCreateSubOrchestration().getInput().getValue() + ")";
            default -> action.getOrchestratorActionTypeCase().name().toLowerCase();
        };
    }

    private OrchestratorResponse execute(Instance instance, List<HistoryEvent> past, List<HistoryEvent> news) {
        OrchestratorRequest request = OrchestratorRequest.newBuilder()
                .setInstanceId(instance.id)
                .addAllPastEvents(past)
                .addAllNewEvents(news)
                .build();
        byte[] bytes = request.toByteArray();
        HostLimits.requireMessageSize("the history of " + instance.id, bytes.length);
        OrchestratorFunction<?> function = catalog.orchestrator(instance.name).orElseThrow(() ->
                new IllegalStateException("no orchestrator named " + instance.name + " is registered"));
        // As in Azure: durabletask-azure-functions' own middleware replays the orchestrator (with
        // OrchestrationRunner) and rewrites what it throws; the worker calls the function by reflection, so whatever
        // the function throws reaches the middleware wrapped in an InvocationTargetException.
        DriverInvocation invocation = new DriverInvocation(instance.name, ORCHESTRATION_TRIGGER, "context",
                Base64.getEncoder().encodeToString(bytes));
        try {
            new OrchestrationMiddleware().invoke(invocation, context -> {
                try {
                    context.updateReturnValue(function.apply(
                            (TaskOrchestrationContext) context.getParameterValue("context")));
                } catch (Throwable thrown) {
                    throw new InvocationTargetException(thrown);
                }
            });
            return OrchestratorResponse.parseFrom(Base64.getDecoder().decode((String) invocation.getReturnValue()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("durabletask answered an unreadable response", e);
        } catch (Exception e) {
            throw new IllegalStateException("the orchestration middleware failed on " + instance.id, e);
        }
    }

    private void apply(Instance instance, OrchestratorAction action) {
        int id = action.getId();
        switch (action.getOrchestratorActionTypeCase()) {
            case SCHEDULETASK -> {
                ScheduleTaskAction task = action.getScheduleTask();
                TaskScheduledEvent.Builder scheduled = TaskScheduledEvent.newBuilder().setName(task.getName());
                if (task.hasInput()) {
                    scheduled.setInput(task.getInput());
                }
                instance.history.add(event(id).setTaskScheduled(scheduled).build());
                runActivity(instance, id, task.getName(), task.hasInput() ? task.getInput().getValue() : null);
            }
            case CREATETIMER -> {
                instance.history.add(event(id).setTimerCreated(TimerCreatedEvent.newBuilder()
                        .setFireAt(action.getCreateTimer().getFireAt())).build());
                Timestamp fireAt = action.getCreateTimer().getFireAt();
                instance.timers.put(id, Instant.ofEpochSecond(fireAt.getSeconds(), fireAt.getNanos()));
            }
            case CREATESUBORCHESTRATION -> {
                CreateSubOrchestrationAction sub = action.getCreateSubOrchestration();
                SubOrchestrationInstanceCreatedEvent.Builder created = SubOrchestrationInstanceCreatedEvent
                        .newBuilder().setName(sub.getName()).setInstanceId(sub.getInstanceId());
                if (sub.hasInput()) {
                    created.setInput(sub.getInput());
                }
                instance.history.add(event(id).setSubOrchestrationInstanceCreated(created).build());
                String input = sub.hasInput() ? sub.getInput().getValue() : null;
                if (isRunning(sub.getInstanceId())) {
                    // The Azure Storage backend drops the start: the parent waits for an answer that never comes.
                    LOG.warning(() -> instance.id + " started sub-orchestration " + sub.getInstanceId()
                            + ", which is running: the start is dropped, as the Azure Storage backend drops it");
                } else if (catalog.orchestrator(sub.getName()).isEmpty()) {
                    instance.inbox.add(subOrchestrationFailed(id, "IllegalStateException",
                            "no orchestrator named " + sub.getName() + " is registered"));
                } else {
                    create(sub.getName(), sub.getInstanceId(), input, instance.id, id);
                }
            }
            case COMPLETEORCHESTRATION -> complete(instance, action.getCompleteOrchestration());
            default -> throw new IllegalStateException("the in-process driver does not support "
                    + action.getOrchestratorActionTypeCase() + " (in " + instance.id + ")");
        }
    }

    private void complete(Instance instance, CompleteOrchestrationAction completion) {
        OrchestrationStatus status = completion.getOrchestrationStatus();
        if (status == OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
            // A new generation: the same id, a fresh history, the new input; the custom status stays.
            instance.history.clear();
            instance.inbox.clear();
            instance.timers.clear();
            instance.inbox.add(executionStarted(instance.id, instance.name,
                    completion.hasResult() ? completion.getResult().getValue() : null, instance.parentId,
                    instance.parentTaskId));
            generations.incrementAndGet();
            return;
        }
        instance.status = switch (status) {
            case ORCHESTRATION_STATUS_COMPLETED -> InstanceState.Status.COMPLETED;
            case ORCHESTRATION_STATUS_FAILED -> InstanceState.Status.FAILED;
            case ORCHESTRATION_STATUS_TERMINATED -> InstanceState.Status.TERMINATED;
            default -> throw new IllegalStateException("the in-process driver does not support " + status);
        };
        instance.output = completion.hasResult() ? completion.getResult().getValue() : null;
        if (completion.hasFailureDetails()) {
            instance.failureType = completion.getFailureDetails().getErrorType();
            instance.failureMessage = completion.getFailureDetails().getErrorMessage();
        }
        instance.timers.clear();
        if (instance.parentId == null) {
            return;
        }
        Instance parent = instances.get(instance.parentId);
        if (instance.status == InstanceState.Status.COMPLETED) {
            SubOrchestrationInstanceCompletedEvent.Builder done = SubOrchestrationInstanceCompletedEvent.newBuilder()
                    .setTaskScheduledId(instance.parentTaskId);
            if (instance.output != null) {
                done.setResult(StringValue.of(instance.output));
            }
            parent.inbox.add(event().setSubOrchestrationInstanceCompleted(done).build());
        } else {
            parent.inbox.add(subOrchestrationFailed(instance.parentTaskId,
                    instance.failureType == null ? "Terminated" : instance.failureType,
                    instance.failureMessage == null ? "terminated" : instance.failureMessage));
        }
    }

    private void runActivity(Instance instance, int taskId, String name, String input) {
        runningActivities++;
        instance.runningActivities++;
        String instanceId = instance.id;
        activityPool.execute(() -> {
            HistoryEvent result;
            try {
                WorkflowCatalog.Activity<?> activity = catalog.activity(name).orElseThrow(() ->
                        new IllegalStateException("no activity named " + name + " is registered"));
                // As in Azure: the app's middleware binds the invocation's logger around the activity.
                DriverInvocation invocation = new DriverInvocation(name, ACTIVITY_TRIGGER, "input", input);
                new InvocationLogging().invoke(invocation, context -> context.updateReturnValue(
                        invoke(activity, (String) context.getParameterValue("input"))));
                String output = gson.toJson(invocation.getReturnValue());
                HostLimits.requireMessageSize("the output of activity " + name, output);
                result = event().setTaskCompleted(TaskCompletedEvent.newBuilder().setTaskScheduledId(taskId)
                        .setResult(StringValue.of(output))).build();
            } catch (Exception | Error e) {
                LOG.fine(() -> instanceId + ": activity " + name + " failed: " + e);
                result = event().setTaskFailed(TaskFailedEvent.newBuilder().setTaskScheduledId(taskId)
                        .setFailureDetails(failureDetails(e))).build();
            }
            activitiesRun.incrementAndGet();
            deliveries.add(new Delivery(instanceId, result, true));
        });
    }

    private <I> Object invoke(WorkflowCatalog.Activity<I> activity, String input) {
        // The worker binds the input with Gson, as in Azure.
        I bound = input == null ? null : gson.fromJson(input, activity.inputType());
        return activity.body().apply(bound);
    }

    private static TaskFailureDetails failureDetails(Throwable thrown) {
        Throwable failure = thrown instanceof InvocationTargetException wrapped ? wrapped.getCause() : thrown;
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return TaskFailureDetails.newBuilder()
                .setErrorType(failure.getClass().getName())
                .setErrorMessage(failure.getMessage() == null ? failure.toString() : failure.getMessage())
                .setStackTrace(StringValue.of(trace.toString()))
                .build();
    }

    private HistoryEvent subOrchestrationFailed(int taskId, String type, String message) {
        return event().setSubOrchestrationInstanceFailed(SubOrchestrationInstanceFailedEvent.newBuilder()
                .setTaskScheduledId(taskId)
                .setFailureDetails(TaskFailureDetails.newBuilder().setErrorType(type).setErrorMessage(message)))
                .build();
    }

    private HistoryEvent.Builder event() {
        return event(-1);
    }

    private HistoryEvent.Builder event(int eventId) {
        return HistoryEvent.newBuilder().setEventId(eventId).setTimestamp(timestamp(clock.now()));
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    @Override
    public void close() {
        activityPool.shutdownNow();
    }
}
