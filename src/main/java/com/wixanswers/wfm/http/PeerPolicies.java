package com.wixanswers.wfm.http;

import java.time.Duration;
import java.util.Locale;

/** The call policy of every peer, in one place. */
public final class PeerPolicies {
    /** Calabrio's answers to the integration's requests are small: a megabyte is far more than any holds. */
    private static final long SMALL_ANSWERS = 1 << 20;

    private PeerPolicies() {
    }

    /**
     * Calabrio's historical-data API: exempt from the 500/min limit, so the retry budget is about outages. An
     * activity gives up after about two minutes; the orchestration's durable retry then tries it again later.
     */
    public static PeerPolicy calabrioHistorical() {
        return new PeerPolicy("Calabrio historical-data API", "CALABRIO_HISTORICAL_TENANT_KEY",
                Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(60), Duration.ofMinutes(2), 8, Duration.ofSeconds(30),
                SMALL_ANSWERS, "the integration", PeerPolicy.BUSY_OR_FAILING);
    }

    /**
     * Calabrio's WFM API (commands and queries): 500 calls a minute per token, answered 429 beyond. One attempt per
     * call: a run counts every call against CALABRIO_MAX_CALLS_PER_MINUTE, so a 429 or 5xx is retried by the run
     * itself, in a later wave and never sooner than {@code Retry-After}. Queries of all skills or of a batch of
     * people answer a few hundred kilobytes at most.
     */
    public static PeerPolicy calabrioWfm() {
        return new PeerPolicy("Calabrio WFM API", "CALABRIO_API_TOKEN",
                Duration.ofSeconds(10), Duration.ofSeconds(30), 0, Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofMinutes(10), Duration.ofMinutes(1), 8, Duration.ofSeconds(30),
                16 * SMALL_ANSWERS, "the integration", PeerPolicy.BUSY_OR_FAILING);
    }

    /**
     * Calabrio's RTA endpoint: a tick has 45 seconds, and a state that arrives late is a wrong adherence record,
     * so retries are short and a call ends with the tick's deadline. A full state queue ("flooded") is
     * back-pressure, retried like a 429.
     */
    public static PeerPolicy calabrioRta() {
        return new PeerPolicy("Calabrio RTA API", "CALABRIO_RTA_AUTH_KEY",
                Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofSeconds(30), 5, Duration.ofSeconds(30),
                SMALL_ANSWERS, "the integration",
                (status, body) -> PeerPolicy.BUSY_OR_FAILING.test(status, body)
                        || (status == 400 && body != null && body.toLowerCase(Locale.ROOT).contains("flood")));
    }

    /**
     * A tenant's published API documents and their Swagger UI pages, fetched by the doctor with no credential:
     * a document of a large API runs to a few megabytes.
     */
    public static PeerPolicy apiDocuments() {
        return new PeerPolicy("Calabrio API document", "none (the doctor sends no credential for documents)",
                Duration.ofSeconds(10), Duration.ofSeconds(20), 1, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(20), 5, Duration.ofSeconds(30), 32L << 20,
                "the doctor", PeerPolicy.BUSY_OR_FAILING);
    }

    /**
     * Wix Answers' RPC gateway, once a minute: one quick retry, then the next tick tries again. Its answer lists
     * every agent, so its size follows RTA_MAX_AGENTS: about 100 bytes an agent, read up to 1 KB an agent.
     */
    public static PeerPolicy wixAnswers(int maxAgents) {
        return new PeerPolicy("Wix Answers AgentActivityRpcService", "ANSWERS_API_TOKEN",
                Duration.ofSeconds(5), Duration.ofSeconds(10), 1, Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(20), 5, Duration.ofSeconds(30),
                1_024L * maxAgents, "RTA_MAX_AGENTS=" + maxAgents, PeerPolicy.BUSY_OR_FAILING);
    }
}
