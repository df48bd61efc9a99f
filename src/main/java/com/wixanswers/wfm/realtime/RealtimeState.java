package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What real-time remembers between ticks, kept in one blob: the state code last sent for each agent, when the
 * last snapshot went and how big it was, whether the last tick failed, the agents Calabrio does not know
 * (parked), and the unmapped statuses already warned about. Plain fields, stored as JSON.
 */
public final class RealtimeState {
    // Instants as epoch milliseconds (StateDocument writes them so): the document holds thousands of them and is
    // written every minute.
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public int version = 1;
    public Instant lastSnapshotAt;
    public int lastSnapshotSize;
    public boolean lastTickFailed;
    public Map<String, Agent> agents = new HashMap<>();
    public Map<String, Parked> parked = new TreeMap<>();
    public Set<String> unmappedSeen = new TreeSet<>();

    /** An agent as Calabrio last heard of it. */
    public static final class Agent {
        /** The state code last sent; null when none was sent yet. */
        public String code;
        /** True once the agent was sent (or snapshotted) as logged out. */
        public boolean offline;
        public Instant sentAt;
        /** When the agent was last in Wix Answers' answer. */
        public Instant lastSeenAt;
        /**
         * The mark of the plan that last saw the agent in an answer (not stored): tells a plan its answer's agents
         * from the others without a set of thousands of names.
         */
        transient Object seenBy;

        /** Calabrio took {@code code} for the agent at {@code at}; {@code offline}: sent as logged out. */
        void sent(String code, boolean offline, Instant at) {
            this.code = code;
            this.offline = offline;
            this.sentAt = at;
        }

        /** A snapshot taken at {@code at} left the agent out, which logged it out. */
        void loggedOut(Instant at) {
            sent(null, true, at);
        }
    }

    /** An agent Calabrio answered it does not know, left out until {@code until}. */
    public static final class Parked {
        public Instant until;
        public String reason;

        public Parked() {
        }

        Parked(Instant until, String reason) {
            this.until = until;
            this.reason = reason;
        }
    }

    /** The whole document at once; a tick writes it as it goes instead (see {@link StateDocument}). */
    public byte[] toJson() {
        StateDocument document = StateDocument.open(this);
        agents.forEach(document::agent);
        return document.close();
    }

    public static RealtimeState fromJson(byte[] json) {
        try {
            return JSON.readValue(json, RealtimeState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the real-time state is not readable JSON", e);
        }
    }

    Agent agent(String agentId) {
        return agents.computeIfAbsent(agentId, id -> new Agent());
    }
}
