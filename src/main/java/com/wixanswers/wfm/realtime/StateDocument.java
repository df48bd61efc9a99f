package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The JSON document of a {@link RealtimeState}, written in two steps so that a tick writes most of it while it
 * waits for Calabrio: {@link #begin} writes every agent whose record the tick's requests cannot change;
 * {@link #finish}, once Calabrio has answered, writes the agents they can change and the fields after them.
 * Nothing is written ahead of what it depends on, so nothing is ever undone.
 *
 * <p>Between the two steps, the only agents that may change, appear or disappear are the {@code pending} ones.
 * Instants are epoch milliseconds, as {@link RealtimeState#fromJson} reads them; the agents come first, the
 * fields a tick's outcome sets after them (JSON objects are unordered).
 */
public final class StateDocument {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final RealtimeState state;
    private final Set<String> pending;
    private final ByteArrayBuilder bytes;
    private final JsonGenerator json;

    private StateDocument(RealtimeState state, Set<String> pending) throws IOException {
        this.state = state;
        this.pending = pending;
        // About 100 bytes an agent: one buffer, no regrowth.
        this.bytes = new ByteArrayBuilder(Math.max(1_024, state.agents.size() * 110));
        this.json = FACTORY.createGenerator(bytes);
    }

    /** Starts the document of {@code state} with every agent but the {@code pending} ones. */
    public static StateDocument begin(RealtimeState state, Set<String> pending) {
        try {
            StateDocument document = new StateDocument(state, pending);
            document.json.writeStartObject();
            document.json.writeNumberField("version", state.version);
            document.json.writeObjectFieldStart("agents");
            for (Map.Entry<String, RealtimeState.Agent> agent : state.agents.entrySet()) {
                if (!pending.contains(agent.getKey())) {
                    document.writeAgent(agent.getKey(), agent.getValue());
                }
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the pending agents as they are now, and the rest of the state: the whole document. */
    public byte[] finish() {
        try {
            for (String agentId : pending) {
                RealtimeState.Agent agent = state.agents.get(agentId);
                if (agent != null) {
                    writeAgent(agentId, agent);
                }
            }
            json.writeEndObject();
            writeInstant("lastSnapshotAt", state.lastSnapshotAt);
            json.writeNumberField("lastSnapshotSize", state.lastSnapshotSize);
            json.writeBooleanField("lastTickFailed", state.lastTickFailed);
            json.writeObjectFieldStart("parked");
            for (Map.Entry<String, RealtimeState.Parked> parked : state.parked.entrySet()) {
                json.writeObjectFieldStart(parked.getKey());
                writeInstant("until", parked.getValue().until);
                json.writeStringField("reason", parked.getValue().reason);
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeArrayFieldStart("unmappedSeen");
            for (String status : state.unmappedSeen) {
                json.writeString(status);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeAgent(String agentId, RealtimeState.Agent agent) throws IOException {
        json.writeObjectFieldStart(agentId);
        json.writeStringField("code", agent.code);
        json.writeBooleanField("offline", agent.offline);
        writeInstant("sentAt", agent.sentAt);
        writeInstant("lastSeenAt", agent.lastSeenAt);
        json.writeEndObject();
    }

    private void writeInstant(String field, Instant instant) throws IOException {
        if (instant == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, instant.toEpochMilli());
        }
    }
}
