package com.wixanswers.wfm.historical;

import com.wixanswers.wfm.historical.HistoricalMessages.ChunkRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.DayPlan;
import com.wixanswers.wfm.historical.HistoricalMessages.DayRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.Scope;
import com.wixanswers.wfm.workflow.WorkflowCatalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The names of the historical functions and their instance ids, in one place: {@code historical-run-<from>_<to>}
 * for a run, so the same range is never running twice; {@code <run's id>-<its start, UTC>-day-<day>} for its days
 * and {@code <day's id>-queues-001} for their chunks, so everything of a run shares its prefix. A day's id belongs
 * to one run: on the Azure Storage backend a start of an id that is still running is dropped, so two runs sharing a
 * day id would leave one waiting forever. Two runs covering a day both send it, which is harmless: Calabrio
 * overwrites the intervals.
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

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private HistoricalWorkflow() {
    }

    public static String runInstanceId(LocalDate from, LocalDate to) {
        return "historical-run-" + from + "_" + to;
    }

    /** @param runStart the run's start, as its orchestration replays it */
    static String dayInstanceId(String runInstanceId, Instant runStart, String day) {
        return runInstanceId + "-" + RUN_STAMP.format(runStart) + "-day-" + day;
    }

    /** {@code queues-001} is the first chunk of queues, and so on. */
    static String chunkInstanceId(List<ChunkRequest> chunks, int index) {
        ChunkRequest chunk = chunks.get(index);
        long number = chunks.subList(0, index + 1).stream().filter(c -> c.kind.equals(chunk.kind)).count();
        return chunk.instance + "-" + chunk.kind + "-" + String.format(Locale.ROOT, "%03d", number);
    }

    /**
     * The day's queues, then its agents: the very first of them alone (it finds out whether the credentials and
     * settings work), then chunks of at most {@link #CHUNK_SIZE}.
     */
    static List<ChunkRequest> chunks(DayPlan plan, String dayInstance, Scope scope) {
        List<String> queues = plan.queueIds;
        List<String> agents = plan.agentIds;
        List<ChunkRequest> chunks = new ArrayList<>();
        if (!queues.isEmpty()) {
            chunks.add(chunk(plan.day, dayInstance, QUEUES, queues.subList(0, 1), scope));
            queues = queues.subList(1, queues.size());
        } else if (!agents.isEmpty()) {
            chunks.add(chunk(plan.day, dayInstance, AGENTS, agents.subList(0, 1), scope));
            agents = agents.subList(1, agents.size());
        }
        addChunks(chunks, plan.day, dayInstance, QUEUES, queues, scope);
        addChunks(chunks, plan.day, dayInstance, AGENTS, agents, scope);
        return chunks;
    }

    private static void addChunks(List<ChunkRequest> chunks, String day, String dayInstance, String kind,
                                  List<String> ids, Scope scope) {
        for (int from = 0; from < ids.size(); from += CHUNK_SIZE) {
            chunks.add(chunk(day, dayInstance, kind, ids.subList(from, Math.min(ids.size(), from + CHUNK_SIZE)),
                    scope));
        }
    }

    private static ChunkRequest chunk(String day, String dayInstance, String kind, List<String> ids, Scope scope) {
        ChunkRequest chunk = new ChunkRequest(day, dayInstance, kind, ids);
        chunk.scope(scope);
        return chunk;
    }

    /** {@code queue} for {@link #QUEUES}, {@code agent} for {@link #AGENTS}. */
    static String singular(String kind) {
        return QUEUES.equals(kind) ? "queue" : "agent";
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
