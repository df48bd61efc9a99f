package com.wixanswers.wfm.onboarding;

import com.wixanswers.wfm.workflow.CallTrouble;
import com.wixanswers.wfm.workflow.CallWindow;
import com.wixanswers.wfm.workflow.FailureStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the onboarding orchestrations and activities pass to each other: plain public fields, no java.time (the
 * orchestrator side is Jackson, activity bindings are Gson). Everything stays small: rows travel in blobs of the
 * run ({@code runs/<instance>/...}), messages carry counts and at most one chunk's calls.
 */
public final class OnboardingMessages {
    private OnboardingMessages() {
    }

    /** A run's input, one per generation (each round of look-ups continues as new). */
    public static final class RunInput {
        /** The upload, {@code incoming/<name>}. */
        public String upload;
        /** The SHA-256 of the bytes the trigger saw, or null for a reprocessing run (the file as it is now). */
        public String sha256;
        /** The round of look-ups: 0 first, then one every retrySeconds while people are waited for. */
        public int round;
        /** The chunks still to do this round; null in round 0 (all of them). */
        public List<ChunkToDo> chunks;
        public CallWindow.Carried window;
        /** CALABRIO_MAX_CALLS_PER_MINUTE, ONBOARDING_RETRY_MINUTES and ONBOARDING_WAIT_HOURS, as the run began. */
        public int maxCallsPerMinute;
        public int maxCallsPerHour;
        public long retrySeconds;
        public long waitSeconds;

        public RunInput() {
        }
    }

    /** Input of the activities that read or write a run's files. */
    public static final class RunRef {
        public String instanceId;
        public String upload;
        public String sha256;

        public RunRef() {
        }

        public RunRef(String instanceId, String upload, String sha256) {
            this.instanceId = instanceId;
            this.upload = upload;
            this.sha256 = sha256;
        }
    }

    /** The file read: its rows, and the chunks of valid rows the run gives skills to. */
    public static final class FilePlan {
        /** Why the file could not be read at all, or null. */
        public String unreadable;
        public int rows;
        public int invalid;
        public int doneEarlier;
        public int chunks;
    }

    /** The skills resolved from {@code query/Skill/AllSkills}. */
    public static final class SkillsResolved extends CallTrouble {
        public int unknownSkillRows;
        /** The rows of each chunk to do, in chunk order. */
        public List<Integer> chunkRows = new ArrayList<>();
    }

    /** A chunk still to do, and how many of its rows: a chunk makes at most one call more (its look-up). */
    public static final class ChunkToDo {
        public int chunk;
        public int rows;

        public ChunkToDo() {
        }

        public ChunkToDo(int chunk, int rows) {
            this.chunk = chunk;
            this.rows = rows;
        }

        /** The most calls the chunk can make: its look-up and one per row, at most a chunk's worth. */
        int calls() {
            return Math.min(OnboardingOrchestrations.CALLS, 1 + rows);
        }
    }

    /** Input of a chunk's orchestration and of its look-up. */
    public static final class ChunkRef {
        public String instanceId;
        public int chunk;
        /** The most of its rows still to do that this turn looks up and calls for (the others wait their turn). */
        public int maxRows = Integer.MAX_VALUE;

        public ChunkRef() {
        }

        public ChunkRef(String instanceId, int chunk) {
            this.instanceId = instanceId;
            this.chunk = chunk;
        }

        public ChunkRef(String instanceId, int chunk, int maxRows) {
            this(instanceId, chunk);
            this.maxRows = maxRows;
        }
    }

    /** A chunk's look-up: the people found, each with the call to make, and the rows still without one. */
    public static final class PeopleFound extends CallTrouble {
        /** The rows looked up (this turn's share of the chunk's rows still to do). */
        public List<Integer> lookedUp = new ArrayList<>();
        public List<AgentCall> found = new ArrayList<>();
        public List<Integer> notFound = new ArrayList<>();
        /** True when the chunk had rows to look up, so the look-up was a call. */
        public boolean called;
    }

    /** One {@code AddSkillsToPerson} call, for one agent. */
    public static final class AgentCall {
        public String instanceId;
        public int chunk;
        public int row;
        public String agentId;
        public String personId;
        public String startDate;
        public List<String> skillIds = new ArrayList<>();

        public AgentCall() {
        }
    }

    /** What became of one agent's call. */
    public static final class AgentOutcome extends CallTrouble {
        public int row;
        public String personId;
        /** An {@link Outcome} word; pending when Calabrio was unavailable. */
        public String outcome;
        public String detail;

        public AgentOutcome() {
        }
    }

    /** A chunk's results, for its file. */
    public static final class ChunkOutcomes {
        public String instanceId;
        public int chunk;
        public List<AgentOutcome> outcomes = new ArrayList<>();
        public List<Integer> notFound = new ArrayList<>();
        /** The look-up itself was unavailable: every row it was for stays as it was. */
        public boolean lookupUnavailable;
        /** The rows the look-up was for; null when unknown (its activity failed): then every row of the chunk. */
        public List<Integer> lookedUp;
        /** ... because Calabrio throttled it (429). */
        public boolean lookupThrottled;

        public ChunkOutcomes() {
        }
    }

    /** What a chunk came to, for the run: counts only. */
    public static final class ChunkSummary extends CallTrouble {
        public int chunk;
        /** Calls the chunk made (the look-up and one per agent found). */
        public int calls;
        /** Rows whose people Calabrio does not know yet. */
        public int waiting;
        /** Rows to try again in a later window (Calabrio was unavailable or throttled). */
        public int again;

        public ChunkSummary() {
        }
    }

    /** Input of the activity that writes the report. */
    public static final class ReportRequest {
        public String instanceId;
        /** The run's last report: rows still waiting for their people are final now. */
        public boolean last;
        /** Why the run stopped early, or null. */
        public String stop;

        public ReportRequest() {
        }

        public ReportRequest(String instanceId, boolean last, String stop) {
            this.instanceId = instanceId;
            this.last = last;
            this.stop = stop;
        }
    }

    /** Rows per outcome: a run's custom status and its output; why it failed, if it did. */
    public static final class Counts implements FailureStatus {
        public Map<String, Integer> rows = new LinkedHashMap<>();
        public int round;
        public String failure;

        public Counts() {
        }

        @Override
        public void failure(String reason) {
            failure = reason;
        }

        int of(Outcome outcome) {
            return rows.getOrDefault(outcome.word(), 0);
        }
    }
}
