package com.wixanswers.wfm.historical;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.wixanswers.wfm.config.SettingsException;
import com.wixanswers.wfm.historical.HistoricalMessages.DayPlan;
import com.wixanswers.wfm.historical.HistoricalMessages.DayRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemRequest;
import com.wixanswers.wfm.historical.HistoricalMessages.ItemResult;
import com.wixanswers.wfm.historical.HistoricalMessages.RowCounts;
import com.wixanswers.wfm.http.PeerException;

import java.time.LocalDate;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The historical activities: each one unit of I/O. Calabrio's refusals and wrong settings come back as results
 * (retrying cannot help); outages and database failures are thrown, for the orchestration's durable retry policy.
 */
public final class HistoricalActivities {
    private static final Logger LOG = Logger.getLogger(HistoricalActivities.class.getName());

    private final HistoricalExport export;

    public HistoricalActivities(HistoricalExport export) {
        this.export = export;
    }

    @FunctionName(HistoricalWorkflow.PLAN_DAY)
    public DayPlan planDay(@DurableActivityTrigger(name = "input") DayRequest request) {
        DayPlan plan = export.plan(LocalDate.parse(request.day), request);
        LOG.info(() -> request.instance + ": " + plan.queueIds.size() + " queues, "
                + plan.agentIds.size() + " agents, " + plan.invalidRows + " invalid rows, " + plan.intervals
                + " intervals until " + plan.until);
        return plan;
    }

    @FunctionName(HistoricalWorkflow.SEND_QUEUE)
    public ItemResult sendQueue(@DurableActivityTrigger(name = "input") ItemRequest request) {
        return send(request, "queue", day -> export.sendQueue(day, request.id, request.endedBy));
    }

    @FunctionName(HistoricalWorkflow.SEND_AGENT)
    public ItemResult sendAgent(@DurableActivityTrigger(name = "input") ItemRequest request) {
        return send(request, "agent", day -> export.sendAgent(day, request.id));
    }

    private static ItemResult send(ItemRequest request, String kind, Function<LocalDate, RowCounts> work) {
        try {
            RowCounts sent = work.apply(LocalDate.parse(request.day));
            LOG.fine(() -> request.instance + ": " + kind + " " + request.id + " sent");
            return new ItemResult(request.id, sent, null, false);
        } catch (PeerException e) {
            if (!e.isPermanent()) {
                throw e;
            }
            return refused(request, kind, e.getMessage(), e.kind() == PeerException.Kind.AUTH);
        } catch (SettingsException e) {
            return refused(request, kind, e.getMessage(), true);
        }
    }

    /** @param stop whether every other queue and agent would meet the same (a credential, a setting) */
    private static ItemResult refused(ItemRequest request, String kind, String error, boolean stop) {
        LOG.warning(() -> request.instance + ": " + kind + " " + request.id + " not sent: " + error);
        return new ItemResult(request.id, new RowCounts(), error, stop);
    }
}
