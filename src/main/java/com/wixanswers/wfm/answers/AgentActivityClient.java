package com.wixanswers.wfm.answers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerResponse;
import com.wixanswers.wfm.http.PeerUrl;
import com.wixanswers.wfm.http.Redaction;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code AgentActivityRpcService.getAgentActivities} over JSON-RPC 2.0 (wix-answers.md). Every assumption about
 * the RPC's schema lives here: the request, the envelope, the codes of statuses and channels. Unknown statuses
 * and fields, and agents missing from an answer, are normal; an activity without an agent id is skipped and
 * counted.
 */
public final class AgentActivityClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> STATUS_CODES = Map.of(10, "ONLINE", 40, "IN_WORK", 60, "BUSY",
            100, "OFFLINE");
    private static final Map<Integer, String> CHANNEL_CODES = Map.of(0, "NONE", 10, "TICKET", 20, "CALL", 30, "CHAT");

    private final PeerHttpClient http;
    private final PeerUrl url;
    private final Supplier<Secret> token;

    /** What one call returned: the activities, one per agent, and how many entries were skipped. */
    public record Fetched(List<AgentActivity> activities, int skipped) {
    }

    public AgentActivityClient(PeerHttpClient http, PeerUrl url, Supplier<Secret> token) {
        this.http = http;
        this.url = url;
        this.token = token;
    }

    /**
     * @throws PeerException UNAVAILABLE when Wix Answers is down or slow, MALFORMED for an answer that is not the
     *                       RPC's, REJECTED for a JSON-RPC error
     */
    public Fetched fetch(Instant deadline) {
        Secret secret = token.get();
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", UUID.randomUUID().toString())
                .put("method", "getAgentActivities");
        request.putArray("params").addObject();
        PeerResponse response;
        try {
            response = http.postJson(url.uri(), JSON.writeValueAsBytes(request),
                    Map.of("Authorization", "Bearer " + secret.reveal()), List.of(secret), deadline);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return parse(http.policy().peer(), response.bytes(), List.of(secret));
    }

    /** Decodes an answer of the RPC; {@code peer} names it in errors, {@code secrets} are kept out of them. */
    public static Fetched parse(String peer, byte[] body, List<Secret> secrets) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw malformed(peer, "an answer that is not JSON: " + Redaction.redact(
                    new String(body, java.nio.charset.StandardCharsets.UTF_8), secrets));
        }
        if (answer == null || !answer.isObject()) {
            throw malformed(peer, "an empty or non-object answer");
        }
        JsonNode error = answer.path("error");
        if (!error.isMissingNode() && !error.isNull()) {
            throw new PeerException(peer, PeerException.Kind.REJECTED, 200, peer + " answered a JSON-RPC error "
                    + error.path("code").asText("?") + ": " + Redaction.redact(error.path("message").asText(""), secrets));
        }
        JsonNode activities = answer.path("result").path("activities");
        if (!activities.isArray()) {
            throw malformed(peer, "no result.activities array");
        }
        Map<String, AgentActivity> byAgent = new LinkedHashMap<>();
        int skipped = 0;
        for (JsonNode entry : activities) {
            String agentId = text(entry.path("agentId"));
            String status = name(entry.path("status"), STATUS_CODES);
            if (agentId == null || status == null) {
                skipped++;
                continue;
            }
            // The same agent twice in one answer: the later entry wins.
            byAgent.put(agentId, new AgentActivity(agentId, status, name(entry.path("channel"), CHANNEL_CODES),
                    text(entry.path("busyReason"))));
        }
        return new Fetched(new ArrayList<>(byAgent.values()), skipped);
    }

    private static PeerException malformed(String peer, String what) {
        return new PeerException(peer, PeerException.Kind.MALFORMED, 200, peer + " answered " + what);
    }

    /** A status or channel by name: names as sent (upper-cased), known codes translated, unknown codes kept. */
    private static String name(JsonNode value, Map<Integer, String> codes) {
        if (value.isIntegralNumber()) {
            return codes.getOrDefault(value.asInt(), value.asText());
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        if (isDigits(text)) {
            return codes.getOrDefault(Integer.parseInt(text), text);
        }
        return text.toUpperCase(Locale.ROOT);
    }

    private static boolean isDigits(String text) {
        if (text.length() > 9) {
            return false;
        }
        for (int index = 0; index < text.length(); index++) {
            if (!Character.isDigit(text.charAt(index))) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

}
