package com.wixanswers.wfm.http;

import java.time.Duration;

/** The call policy of every peer, in one place. */
public final class PeerPolicies {
    private PeerPolicies() {
    }

    /**
     * Calabrio's historical-data API: exempt from the 500/min limit, so the retry budget is about outages. An
     * activity gives up after about two minutes; the orchestration's durable retry then tries it again later.
     */
    public static PeerPolicy calabrioHistorical() {
        return new PeerPolicy(
                "Calabrio historical-data API",
                "CALABRIO_HISTORICAL_TENANT_KEY",
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                4,
                Duration.ofSeconds(1),
                Duration.ofSeconds(20),
                Duration.ofSeconds(60),
                Duration.ofMinutes(2),
                8,
                Duration.ofSeconds(30));
    }
}
