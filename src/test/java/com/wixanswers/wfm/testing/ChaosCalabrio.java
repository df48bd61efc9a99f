package com.wixanswers.wfm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock extension standing in for a struggling Calabrio: every distinct request body is answered 503, then
 * 429, and accepted only on its third arrival. Accepted bodies are kept per path.
 */
public final class ChaosCalabrio implements ResponseDefinitionTransformerV2 {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger refusals = new AtomicInteger();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String path = serveEvent.getRequest().getUrl();
        String body = serveEvent.getRequest().getBodyAsString();
        int arrival = arrivals.computeIfAbsent(path + body, key -> new AtomicInteger()).incrementAndGet();
        if (arrival == 1) {
            refusals.incrementAndGet();
            return refusal(503);
        }
        if (arrival == 2) {
            refusals.incrementAndGet();
            return refusal(429);
        }
        if (arrival == 3) {
            try {
                accepted.computeIfAbsent(path, key -> Collections.synchronizedList(new ArrayList<>()))
                        .add(JSON.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ResponseDefinition.okForJson(Map.of("Successful", true));
    }

    private static ResponseDefinition refusal(int status) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Retry-After", "0").build();
    }

    /** Rows of every body accepted on {@code path}. */
    public List<JsonNode> acceptedRows(String path) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode body : accepted.getOrDefault(path, List.of())) {
            body.path("Rows").forEach(rows::add);
        }
        return rows;
    }

    public int refusals() {
        return refusals.get();
    }

    @Override
    public String getName() {
        return "chaos-calabrio";
    }
}
