package com.wixanswers.wfm.testing;

import com.wixanswers.wfm.workflow.OrchestrationClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Records starts ("Orchestrator instance-id"); which instances run or exist is whatever the test says. */
public final class FakeOrchestrationClient implements OrchestrationClient {
    public final Set<String> running = new HashSet<>();
    public final Set<String> existing = new HashSet<>();
    public final List<String> started = new ArrayList<>();
    public Object lastInput;

    @Override
    public boolean isRunning(String instanceId) {
        return running.contains(instanceId);
    }

    @Override
    public Optional<String> runningWithPrefix(String prefix) {
        return running.stream().filter(id -> id.startsWith(prefix)).sorted().findFirst();
    }

    @Override
    public boolean exists(String instanceId) {
        return running.contains(instanceId) || existing.contains(instanceId);
    }

    @Override
    public void start(String orchestrator, Object input, String instanceId) {
        started.add(orchestrator + " " + instanceId);
        existing.add(instanceId);
        lastInput = input;
    }
}
