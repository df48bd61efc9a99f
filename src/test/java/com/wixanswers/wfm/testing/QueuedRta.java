package com.wixanswers.wfm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Calabrio's queued RTA path as Teleopti's code runs it, on WireMock: every batch answers 200; each state of an agent
 * Calabrio knows (its {@code UserCode} matched case-insensitively) is taken; an unknown {@code UserCode} is only
 * logged, and a snapshot holding one never closes; a snapshot of known agents only closes, logging out every known
 * agent of the source it left out. {@link #view()} is what Calabrio shows for each agent it knows.
 */
public final class QueuedRta implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "queued-rta";
    public static final String LOGGED_OUT = "LoggedOut";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> known = new TreeSet<>();
    private final Map<String, String> view = new TreeMap<>();
    private int unclosedSnapshots;

    /** Calabrio knows these agents (external logons of the source), each shown with this state at first. */
    public synchronized QueuedRta knows(String state, String... agents) {
        for (String agent : agents) {
            known.add(agent.toLowerCase(Locale.ROOT));
            view.put(agent.toLowerCase(Locale.ROOT), state);
        }
        return this;
    }

    /** The state Calabrio shows for each agent it knows. */
    public synchronized Map<String, String> view() {
        return new TreeMap<>(view);
    }

    /** Snapshots whose closing never ran, for an unknown agent among their states. */
    public synchronized int unclosedSnapshots() {
        return unclosedSnapshots;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode batch;
        try {
            batch = JSON.readTree(serveEvent.getRequest().getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean unknown = false;
        Set<String> inBatch = new TreeSet<>();
        for (JsonNode state : batch.path("States")) {
            String agent = state.path("UserCode").asText().toLowerCase(Locale.ROOT);
            inBatch.add(agent);
            if (known.contains(agent)) {
                view.put(agent, state.path("StateCode").asText());
            } else {
                unknown = true; // logged on Calabrio's side, and the batch goes on answering 200
            }
        }
        if (batch.path("IsSnapshot").asBoolean()) {
            if (unknown) {
                unclosedSnapshots++;
            } else {
                known.stream().filter(agent -> !inBatch.contains(agent)).forEach(agent -> view.put(agent, LOGGED_OUT));
            }
        }
        return aResponse().withStatus(200).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
