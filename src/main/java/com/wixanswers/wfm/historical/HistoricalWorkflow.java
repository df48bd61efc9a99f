package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.historical.HistoricalMessages.ChunkRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.DayPlan;
import com.wixanswers.wfm.historical.HistoricalMessages.DayRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemRequest;
import com.wixanswers.wfm.workflow.WorkflowCatalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The names of the historical functions and their instance ids, in one place. Ids are deterministic, so the
 * daily timer and a manual rerun of the same day meet on the same instance instead of running it twice:
 * {@code historical-run-<from>_<to>} for a run, {@code historical-<day>} for a day,
 * {@code historical-<day>-queues-001} for a chunk.
 */
public final class HistoricalWorkflow {
    public static final String RUN = "HistoricalRun";
    public static final String DAY = "HistoricalDay";
    public static final String CHUNK = "HistoricalChunk";
    public static final String PLAN_DAY = "PlanHistoricalDay";
    public static final String SEND_QUEUE = "SendQueueStats";
    public static final String SEND_AGENT = "SendAgentStats";

    public static final String QUEUES = "queues";
    public static final String AGENTS = "agents";

    /**
     * Queues or agents per chunk sub-orchestration. Every completed activity replays its orchestrator, so the
     * replay work of one orchestrator grows with the square of its fan-out; chunks of 50 keep that bounded per
     * activity whatever the number of agents.
     */
    public static final int CHUNK_SIZE = 50;

    private HistoricalWorkflow() {
    }

    public static String runInstanceId(LocalDate from, LocalDate to) {
        return "historical-run-" + from + "_" + to;
    }

    public static String dayInstanceId(String day) {
        return "historical-" + day;
    }

    static String chunkInstanceId(String day, String kind, int number) {
        return dayInstanceId(day) + "-" + kind + "-" + String.format(Locale.ROOT, "%03d", number);
    }

    /** The day's queues, then its agents, in chunks of at most {@link #CHUNK_SIZE}. */
    static List<ChunkRequest> chunks(DayPlan plan) {
        List<ChunkRequest> chunks = new ArrayList<>();
        addChunks(chunks, plan.day, QUEUES, plan.queueIds);
        addChunks(chunks, plan.day, AGENTS, plan.agentIds);
        return chunks;
    }

    private static void addChunks(List<ChunkRequest> chunks, String day, String kind, List<String> ids) {
        for (int from = 0; from < ids.size(); from += CHUNK_SIZE) {
            chunks.add(new ChunkRequest(day, kind, ids.subList(from, Math.min(ids.size(), from + CHUNK_SIZE))));
        }
    }

    /** Registers the historical orchestrators and activities, as the Functions host knows them, for the driver. */
    public static WorkflowCatalog register(WorkflowCatalog catalog, Supplier<HistoricalActivities> activities) {
        HistoricalOrchestrations orchestrations = new HistoricalOrchestrations();
        return catalog
                .orchestrator(RUN, orchestrations::run)
                .orchestrator(DAY, orchestrations::day)
                .orchestrator(CHUNK, orchestrations::chunk)
                .activity(PLAN_DAY, DayRequest.class, input -> activities.get().planDay(input))
                .activity(SEND_QUEUE, ItemRequest.class, input -> activities.get().sendQueue(input))
                .activity(SEND_AGENT, ItemRequest.class, input -> activities.get().sendAgent(input));
    }
}
