package com.wixanswers.wfm.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Locale;

/**
 * One tick, as its structured log line tells it (Application Insights keeps it as a trace with the JSON after
 * {@code rta-tick }).
 *
 * @param mode             snapshot, changes, or none (nothing fetched)
 * @param statesSent       states Calabrio processed this tick
 * @param snapshotWithheld why a due snapshot went as plain changes, or null
 * @param newlyParked      agents Calabrio answered it does not know, this tick
 * @param parked           agents left out this tick because Calabrio does not know them
 * @param fetchMillis      time spent getting Wix Answers' activities
 * @param sendMillis       time spent sending to Calabrio
 * @param failure          why the tick failed, or null; the next tick then sends a snapshot
 */
public record TickReport(
        String startedAt,
        int agentsSeen,
        int skippedEntries,
        String mode,
        int statesSent,
        int requests,
        String snapshotWithheld,
        List<String> newlyParked,
        int parked,
        List<String> newlyUnmapped,
        int carried,
        long fetchMillis,
        long sendMillis,
        long durationMillis,
        String failure,
        boolean stateConflict) {

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

    /** A line for a person at a terminal. */
    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s  %d agents  ", startedAt, agentsSeen));
        line.append(switch (mode) {
            case "snapshot" -> "snapshot of " + statesSent;
            case "changes" -> statesSent + " changes in " + requests + " request(s)";
            default -> "nothing sent";
        });
        if (snapshotWithheld != null) {
            line.append(" (snapshot withheld: ").append(snapshotWithheld).append(')');
        }
        if (parked > 0 || !newlyParked.isEmpty()) {
            line.append("  parked ").append(parked + newlyParked.size());
        }
        if (!newlyUnmapped.isEmpty()) {
            line.append("  unmapped ").append(newlyUnmapped);
        }
        line.append(String.format(Locale.ROOT, "  %d ms", durationMillis));
        if (failure != null) {
            line.append("  FAILED: ").append(failure);
        }
        if (stateConflict) {
            line.append("  (state written by another tick meanwhile)");
        }
        return line.toString();
    }
}
