package com.wixanswers.wfm.forecast;

import com.wixanswers.wfm.workflow.CallTrouble;
import com.wixanswers.wfm.workflow.FailureStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * What the forecast orchestration and its activities pass to each other: plain public fields, no java.time (the
 * orchestrator side is Jackson, activity bindings are Gson). Rows never travel: each activity reads its own.
 */
public final class ForecastMessages {
    private ForecastMessages() {
    }

    /** A run's input: the horizon's first local day and its length, and the limits it runs under. */
    public static final class RunInput {
        public String firstDay;
        public int days;
        /** FORECAST_SET_COMMAND: whether SetForecast is sent. */
        public boolean send;
        public int maxCallsPerMinute;
        public int maxCallsPerHour;

        public RunInput() {
        }
    }

    /** The horizon, as activities get it. */
    public static class HorizonRef {
        public String firstDay;
        public int days;

        public HorizonRef() {
        }
    }

    /** A Calabrio skill the table has rows for, and the spellings it is stored under. */
    public static final class Skill {
        public String name;
        /** Calabrio's id; null when Calabrio could not be asked. */
        public String id;
        public List<String> storedNames = new ArrayList<>();

        public Skill() {
        }
    }

    /** A group of invalid rows: the skill as stored, the reason, how many, the first interval (ISO instant). */
    public static final class InvalidGroup {
        public String skill;
        public String reason;
        public long rows;
        public String firstIntervalStart;

        public InvalidGroup() {
        }
    }

    /**
     * The run's plan: the skills to send, those Calabrio lacks, those whose names it cannot hold (their rows are
     * invalid; a skill's other invalid rows are counted as it is read), the scenario.
     */
    public static final class Plan extends CallTrouble {
        public List<Skill> skills = new ArrayList<>();
        public List<String> unknownSkills = new ArrayList<>();
        public long invalidRows;
        public List<InvalidGroup> invalidGroups = new ArrayList<>();
        public String scenarioId;
        /** False when Calabrio's skills could not be read: every skill of the table is taken unchecked. */
        public boolean checked = true;
        /** The file's separator: {@code ,}, or {@code ;} when a skill's name holds a comma. */
        public String separator = ",";
        /** Skills whose names the file cannot hold (they hold its separator): sent, not written. */
        public List<String> unwritable = new ArrayList<>();

        public Plan() {
        }
    }

    /** One skill's work: read its rows, write its part of the file, send them. */
    public static final class SkillRequest extends HorizonRef {
        public Skill skill;
        public String scenarioId;
        public boolean send;
        /** Where its part of the file goes ({@code runs/<run>/skill-<n>.csv}), or null when the file cannot hold it. */
        public String part;
        public String separator = ",";

        public SkillRequest() {
        }
    }

    /** A day of a skill left out, and why. */
    public static final class LeftOutDay {
        public String date;
        public String reason;

        public LeftOutDay() {
        }
    }

    /** What became of one skill. */
    public static final class SkillSummary extends CallTrouble {
        public String skill;
        public int intervals;
        public int days;
        /** Lines of its part of the file (fewer than intervals on a fall-back day). */
        public int lines;
        /** Its invalid rows, left out: how many, and by reason. */
        public long invalidRows;
        public List<InvalidGroup> invalidGroups = new ArrayList<>();
        public List<LeftOutDay> leftOut = new ArrayList<>();
        public boolean sent;
        /** Why it was not sent, or what Calabrio said; null when sent as it should be. */
        public String detail;
        /** Calabrio refused the skill's forecast: a failure of the run. */
        public boolean failed;

        public SkillSummary() {
        }
    }

    /** The file's work: every skill's part in name order, and what the run came to, for the summary beside it. */
    public static final class FileRequest extends HorizonRef {
        public Plan plan;
        public List<SkillSummary> summaries = new ArrayList<>();

        public FileRequest() {
        }
    }

    /** The file written. */
    public static final class FileSummary {
        public String file;
        public int lines;
        public List<String> leftOut = new ArrayList<>();

        public FileSummary() {
        }
    }

    /** A run's output and custom status: counts only. */
    public static final class Progress implements FailureStatus {
        public int skills;
        public int done;
        public int failed;
        public long intervalsSent;
        public String file;
        /** The first failures, each naming its skill and Calabrio's reason. */
        public List<String> failures = new ArrayList<>();
        /** Why the run failed, in full, or null: set before it fails, since the host keeps the custom status. */
        public String failure;

        public Progress() {
        }

        @Override
        public void failure(String reason) {
            failure = reason;
        }
    }
}
