package com.wixanswers.wfm.calabrio;

/** Where historical-data request bodies go: Calabrio over HTTPS, or files for a dry run. */
public interface HistoricalDataTransport {
    /**
     * Delivers one request body.
     *
     * @param name a readable, unique name of the request ({@code 2026-11-27/queue-stats/q-billing-1})
     * @throws com.wixanswers.wfm.http.PeerException when Calabrio does not accept it
     */
    void post(HistoricalKind kind, String name, byte[] body);
}
