package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.realtime.TickPlanner.TickPlan;

import java.time.Instant;
import java.util.List;

/**
 * One tick, as its structured log line tells it (Application Insights keeps it as a trace with the JSON after
 * {@code rta-tick }). Lists are cut to their first {@link #LISTED} names, so that the line stays short whatever
 * happened; the counts are whole.
 *
 * @param mode             snapshot, changes, or none (nothing fetched)
 * @param statesSent       states Calabrio processed this tick
 * @param loggedOutSent    of them, agents sent as logged out (offline now, or missing from Wix Answers too long)
 * @param snapshotWithheld why a due snapshot went as plain changes, or null
 * @param snapshotRefused  Calabrio's message refusing the snapshot, whose states then went as changes, or null
 * @param newlyParked      agents Calabrio refused this tick (the first few); {@code newlyParkedCount} counts all
 * @param parked           agents left out this tick because Calabrio refused them earlier
 * @param stateSetAside    the blob an unusable state document was kept aside as, or null
 * @param failure          why the tick failed, or null; the next tick then sends a snapshot
 */
public record TickReport(
        String startedAt,
        int agentsSeen,
        int skippedEntries,
        String mode,
        int statesSent,
        int loggedOutSent,
        int requests,
        String snapshotWithheld,
        String snapshotRefused,
        List<String> newlyParked,
        int newlyParkedCount,
        int parked,
        List<String> newlyUnmapped,
        int carried,
        long fetchMillis,
        long sendMillis,
        long durationMillis,
        String failure,
        boolean stateConflict,
        String stateSetAside) {

    static final int LISTED = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean failed() {
        return failure != null;
    }

    /** The structured line: {@code rta-tick {"agentsSeen":...}}. */
    public String toLogLine() {
        try {
            return "rta-tick " + JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a tick did, gathered as it goes: the tick sets the fields at each step. */
    static final class Builder {
        private final Instant startedAt;
        private final long started = System.nanoTime();
        int agentsSeen;
        int skipped;
        long fetchNanos;
        long sendNanos;
        boolean stateConflict;
        String saveFailure;
        String stateSetAside;

        Builder(Instant startedAt) {
            this.startedAt = startedAt;
        }

        TickReport failed(String failure) {
            return report("none", 0, 0, 0, null, null, List.of(), 0, 0, List.of(), 0, failure);
        }

        TickReport done(TickPlan plan, StateDelivery.Outcome outcome) {
            String failure = outcome.failure() != null ? outcome.failure() : saveFailure;
            int loggedOut = (int) outcome.processed.stream().filter(state -> plan.loggedOut()
                    .contains(state.userCode())).count();
            return report(outcome.snapshotTaken ? "snapshot" : "changes", outcome.processed.size(), loggedOut,
                    outcome.requests, plan.withheld(), outcome.snapshotRefusal,
                    outcome.refused.keySet().stream().limit(LISTED).toList(), outcome.refused.size(), plan.parked(),
                    plan.newlyUnmapped().stream().limit(LISTED).toList(), plan.carried(), failure);
        }

        private TickReport report(String mode, int sent, int loggedOut, int requests, String withheld,
                                  String refused, List<String> newlyParked, int newlyParkedCount, int parked,
                                  List<String> newlyUnmapped, int carried, String failure) {
            return new TickReport(startedAt.toString(), agentsSeen, skipped, mode, sent, loggedOut, requests,
                    withheld, refused,
                    newlyParked, newlyParkedCount, parked, newlyUnmapped, carried, fetchNanos / 1_000_000,
                    sendNanos / 1_000_000, (System.nanoTime() - started) / 1_000_000, failure, stateConflict,
                    stateSetAside);
        }
    }
}
