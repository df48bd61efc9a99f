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
        DayPlan plan = export.plan(LocalDate.parse(request.day));
        LOG.info(() -> HistoricalWorkflow.dayInstanceId(request.day) + ": " + plan.queueIds.size() + " queues, "
                + plan.agentIds.size() + " agents, " + plan.invalidRows + " invalid rows");
        return plan;
    }

    @FunctionName(HistoricalWorkflow.SEND_QUEUE)
    public ItemResult sendQueue(@DurableActivityTrigger(name = "input") ItemRequest request) {
        return send(request, "queue", day -> export.sendQueue(day, request.id));
    }

    @FunctionName(HistoricalWorkflow.SEND_AGENT)
    public ItemResult sendAgent(@DurableActivityTrigger(name = "input") ItemRequest request) {
        return send(request, "agent", day -> export.sendAgent(day, request.id));
    }

    private static ItemResult send(ItemRequest request, String kind, Function<LocalDate, RowCounts> work) {
        String instance = HistoricalWorkflow.dayInstanceId(request.day);
        try {
            RowCounts sent = work.apply(LocalDate.parse(request.day));
            LOG.fine(() -> instance + ": " + kind + " " + request.id + " sent");
            return new ItemResult(request.id, sent, null);
        } catch (PeerException e) {
            if (!e.isPermanent()) {
                throw e;
            }
            return refused(instance, kind, request.id, e.getMessage());
        } catch (SettingsException e) {
            return refused(instance, kind, request.id, e.getMessage());
        }
    }

    private static ItemResult refused(String instance, String kind, String id, String error) {
        LOG.warning(() -> instance + ": " + kind + " " + id + " not sent: " + error);
        return new ItemResult(id, new RowCounts(), error);
    }
}
