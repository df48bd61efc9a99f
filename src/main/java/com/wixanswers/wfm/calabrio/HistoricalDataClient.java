package com.wixanswers.wfm.calabrio;

import java.time.LocalDate;
import java.util.List;

/**
 * Calabrio's historical-data API: sends queue, agent and agent-queue rows in batches. Re-sending an interval
 * overwrites it in Calabrio, so every send is safe to repeat.
 */
public final class HistoricalDataClient {
    private final HistoricalRequests requests;
    private final HistoricalDataTransport transport;

    public HistoricalDataClient(HistoricalRequests requests, HistoricalDataTransport transport) {
        this.requests = requests;
        this.transport = transport;
    }

    /**
     * Sends one queue's or agent's rows of one kind for one day.
     *
     * @param owner the queue or agent id, naming the requests ({@code 2026-11-27/queue-stats/q-billing-1})
     * @return the number of rows sent
     * @throws com.wixanswers.wfm.http.PeerException at the first batch Calabrio does not accept
     */
    public int send(HistoricalKind kind, LocalDate day, String owner, List<?> rows) {
        List<byte[]> bodies = requests.bodies(rows);
        for (int batch = 0; batch < bodies.size(); batch++) {
            transport.post(kind, day + "/" + kind.path() + "/" + owner + "-" + (batch + 1), bodies.get(batch));
        }
        return rows.size();
    }
}
