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
                Duration.ofSeconds(30),
                PeerPolicy.BUSY_OR_FAILING);
    }

    /**
     * Calabrio's RTA endpoint: a tick has 45 seconds, and a state that arrives late is a wrong adherence record,
     * so retries are short and a call ends with the tick's deadline. A full state queue ("flooded") is
     * back-pressure, retried like a 429.
     */
    public static PeerPolicy calabrioRta() {
        return new PeerPolicy(
                "Calabrio RTA API",
                "CALABRIO_RTA_AUTH_KEY",
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(30),
                5,
                Duration.ofSeconds(30),
                (status, body) -> PeerPolicy.BUSY_OR_FAILING.test(status, body)
                        || (status == 400 && body != null && body.toLowerCase(java.util.Locale.ROOT).contains("flood")));
    }

    /** Wix Answers' RPC gateway, once a minute: one quick retry, then the next tick tries again. */
    public static PeerPolicy wixAnswers() {
        return new PeerPolicy(
                "Wix Answers AgentActivityRpcService",
                "ANSWERS_API_TOKEN",
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                1,
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                5,
                Duration.ofSeconds(30),
                PeerPolicy.BUSY_OR_FAILING);
    }
}
