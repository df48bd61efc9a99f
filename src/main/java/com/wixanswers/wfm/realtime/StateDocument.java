package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON document of a {@link RealtimeState}, written piece by piece: {@link #open}, then each agent's record
 * ({@link #agent}) as soon as it is final, then {@link #close}, which writes the fields after the agents. A tick
 * writes its agents while Wix Answers' answer is still arriving and Calabrio is still answering, so that little is
 * left to write once it has heard back.
 *
 * <p>Instants are epoch milliseconds, as {@link RealtimeState#fromJson} reads them; the agents come first, the
 * fields a tick's outcome sets after them (JSON objects are unordered). Writing an agent twice, or one that is no
 * longer in the state, is the writer's mistake: nothing here checks it.
 */
public final class StateDocument {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final RealtimeState state;
    private final ByteArrayBuilder bytes;
    private final JsonGenerator json;

    private StateDocument(RealtimeState state) throws IOException {
        this.state = state;
        // About 100 bytes an agent: one buffer, no regrowth.
        this.bytes = new ByteArrayBuilder(Math.max(1_024, state.agents.size() * 110));
        this.json = FACTORY.createGenerator(bytes);
    }

    /** Starts the document of {@code state}: the fields before the agents. */
    public static StateDocument open(RealtimeState state) {
        try {
            StateDocument document = new StateDocument(state);
            document.json.writeStartObject();
            document.json.writeNumberField("version", state.version);
            document.json.writeObjectFieldStart("agents");
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one agent's record as it is now. */
    public void agent(String agentId, RealtimeState.Agent agent) {
        try {
            json.writeObjectFieldStart(agentId);
            json.writeStringField("code", agent.code);
            json.writeBooleanField("offline", agent.offline);
            writeInstant("sentAt", agent.sentAt);
            writeInstant("lastSeenAt", agent.lastSeenAt);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the state's fields after the agents, as they are now: the whole document. */
    public byte[] close() {
        try {
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

    private void writeInstant(String field, Instant instant) throws IOException {
        if (instant == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, instant.toEpochMilli());
        }
    }
}
