package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What real-time remembers between ticks, kept in one blob as JSON: the state code last sent to Calabrio for each
 * agent, when the last snapshot went, how many agents Wix Answers last reported logged on, whether the next tick
 * must send a snapshot, the agents Calabrio refused (parked), and the unmapped statuses already warned about.
 */
public final class RealtimeState {
    /** Offline and never-sent agents unseen this long leave the state, so that it stays bounded. */
    static final Duration FORGET_AFTER = Duration.ofDays(7);

    // Instants as epoch milliseconds, as earlier versions of the blob hold them.
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public int version = 2;
    public Instant lastSnapshotAt;
    /** Logged-on agents in Wix Answers' last answer: what a sudden collapse is measured against. */
    public int lastLoggedOn;
    /** The last tick failed or lost a race for the blob: the next one sends a snapshot to realign Calabrio. */
    public boolean lastTickFailed;
    /** When Calabrio refused a snapshot as too large (an older server): changes only, for a day from then. */
    public Instant snapshotsRefused;
    public Map<String, Agent> agents = new TreeMap<>();
    public Map<String, Parked> parked = new TreeMap<>();
    public Set<String> unmappedSeen = new TreeSet<>();

    /** An agent as Calabrio last heard of it. */
    public static final class Agent {
        /** The state code last sent; null when none was sent yet, or a snapshot logged the agent out. */
        public String code;
        /** True once the agent was sent (or snapshotted) as logged out. */
        public boolean offline;
        public Instant sentAt;
        /** When the agent was last in Wix Answers' answer. */
        public Instant lastSeenAt;

        /** Calabrio took {@code code} for the agent at {@code at}; {@code offline}: as logged out. */
        void sent(String code, boolean offline, Instant at) {
            this.code = code;
            this.offline = offline;
            this.sentAt = at;
        }

        /** Logged on in Calabrio: a state code went and the agent was not logged out since. */
        boolean loggedOn() {
            return code != null && !offline;
        }
    }

    /** An agent Calabrio refused, left out until {@code until}, and Calabrio's reason. */
    public record Parked(Instant until, String reason) {
    }

    /** A state blob that cannot be used: not JSON, or JSON without the shape of a state. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the real-time state", e);
        }
    }

    /** @throws Unreadable when the document is not a real-time state, saying what is wrong with it */
    public static RealtimeState fromJson(byte[] json) throws Unreadable {
        RealtimeState state;
        try {
            state = JSON.readValue(json, RealtimeState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unreadable("it is not a readable state document (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new Unreadable("it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (state == null || state.agents == null || state.parked == null || state.unmappedSeen == null) {
            throw new Unreadable("it lacks agents, parked or unmappedSeen (null where the state keeps a map or list)");
        }
        if (state.agents.containsValue(null) || state.parked.values().stream().anyMatch(p -> p == null
                || p.until() == null)) {
            throw new Unreadable("an agent's or a parked agent's record is null");
        }
        return state;
    }

    Agent agent(String agentId) {
        return agents.computeIfAbsent(agentId, id -> new Agent());
    }

    boolean isParked(String agentId, Instant now) {
        Parked parked = this.parked.get(agentId);
        return parked != null && parked.until().isAfter(now);
    }

    /** Ends the parks that are over and forgets agents not logged on in Calabrio and unseen for a week. */
    void prune(Instant now) {
        parked.values().removeIf(parked -> !parked.until().isAfter(now));
        Instant forgotten = now.minus(FORGET_AFTER);
        agents.values().removeIf(agent -> !agent.loggedOn()
                && (agent.lastSeenAt == null || agent.lastSeenAt.isBefore(forgotten)));
    }
}
