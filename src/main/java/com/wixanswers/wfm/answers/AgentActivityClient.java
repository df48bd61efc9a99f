package com.wixanswers.wfm.answers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wixanswers.wfm.config.PeerUrl;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.Redaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code AgentActivityRpcService.getAgentActivities} over JSON-RPC 2.0 (docs/contracts/requests.md, "Wix Answers").
 * Every assumption about the RPC's schema lives here: the request, the envelope, the codes of statuses and channels.
 * Unknown statuses and fields, and agents missing from an answer, are normal; an activity without an agent id is
 * skipped and counted; an agent listed twice counts once, as its later entry says.
 */
public final class AgentActivityClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> STATUS_CODES = Map.of(10, "ONLINE", 40, "IN_WORK", 60, "BUSY",
            100, "OFFLINE");
    private static final Map<Integer, String> CHANNEL_CODES = Map.of(0, "NONE", 10, "TICKET", 20, "CALL", 30, "CHAT");
    /** How much of a broken answer is looked at for an error message (redacted, then cut much shorter). */
    private static final int QUOTED_BYTES = 4_096;

    private final PeerHttpClient http;
    private final PeerUrl url;
    private final Supplier<Secret> token;
    private final int maxAgents;

    /** One answer: the activities, one per agent in the answer's order, and how many entries were skipped. */
    public record Answer(List<AgentActivity> activities, int skipped) {
    }

    /** @param maxAgents RTA_MAX_AGENTS: an answer listing more fails, so that no answer can exhaust the memory */
    public AgentActivityClient(PeerHttpClient http, PeerUrl url, Supplier<Secret> token, int maxAgents) {
        this.http = http;
        this.url = url;
        this.token = token;
        this.maxAgents = maxAgents;
    }

    /**
     * @throws PeerException UNAVAILABLE when Wix Answers is down or slow, MALFORMED for an answer that is not the
     *                       RPC's or is too large, REJECTED for a JSON-RPC error
     */
    public Answer fetch(Instant deadline) {
        Secret secret = token.get();
        ObjectNode request = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", UUID.randomUUID().toString())
                .put("method", "getAgentActivities");
        request.putArray("params").addObject();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the RPC request", e);
        }
        byte[] answer = http.postJson(url.uri(), body, Map.of("Authorization", "Bearer " + secret.reveal()),
                List.of(secret), deadline).bytes();
        return decode(answer, List.of(secret));
    }

    private String peer() {
        return http.policy().peer();
    }

    /**
     * Reads the envelope {@code {"result": {"activities": [...]}}} or {@code {"error": {...}}}; other fields,
     * wherever they are, are skipped.
     */
    Answer decode(byte[] answer, List<Secret> secrets) {
        List<AgentActivity> activities = new ArrayList<>();
        int[] entries = {0};
        JsonNode error = null;
        boolean listed = false;
        try (JsonParser parser = JSON.getFactory().createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("an empty or non-object answer");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("result") && value == JsonToken.START_OBJECT) {
                    listed |= readResult(parser, activities, entries);
                } else if (field.equals("error")) {
                    error = JSON.readTree(parser);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ", at byte " + e.getLocation().getByteOffset();
            String beginning = new String(answer, 0, Math.min(answer.length, QUOTED_BYTES), StandardCharsets.UTF_8);
            throw malformed("an answer that is not JSON (" + Redaction.redact(e.getOriginalMessage().lines()
                    .findFirst().orElse(""), secrets) + where + "), beginning: " + Redaction.redact(beginning, secrets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (error != null && !error.isNull()) {
            throw new PeerException(peer(), PeerException.Kind.REJECTED, 200, peer() + " answered a JSON-RPC error "
                    + error.path("code").asText("?") + ": " + Redaction.redact(error.path("message").asText(""),
                    secrets));
        }
        if (!listed) {
            throw malformed("no result.activities array");
        }
        List<AgentActivity> oncePerAgent = oneActivityPerAgent(activities);
        return new Answer(oncePerAgent, entries[0] - activities.size());
    }

    /** Reads {@code result}'s fields; answers whether it held the activities array. */
    private boolean readResult(JsonParser parser, List<AgentActivity> activities, int[] entries) throws IOException {
        boolean listed = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("activities")) {
                listed = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (++entries[0] > maxAgents) {
                        throw malformed(String.format(Locale.ROOT, "more than %,d agents, more than RTA_MAX_AGENTS"
                                + " allows; raise it if the floor really is that large", maxAgents));
                    }
                    AgentActivity activity = activity(JSON.readTree(parser));
                    if (activity != null) {
                        activities.add(activity);
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        return listed;
    }

    /** The same agent twice in one answer: the later entry wins, in the place of the first. */
    static List<AgentActivity> oneActivityPerAgent(List<AgentActivity> activities) {
        Map<String, AgentActivity> byAgent = new LinkedHashMap<>(activities.size() * 4 / 3 + 1);
        for (AgentActivity activity : activities) {
            byAgent.put(activity.agentId(), activity);
        }
        return byAgent.size() == activities.size() ? activities : new ArrayList<>(byAgent.values());
    }

    /** One entry of the list, or null when it names no agent or no status. */
    private static AgentActivity activity(JsonNode entry) {
        String agentId = text(entry.path("agentId"));
        String status = name(entry.path("status"), STATUS_CODES);
        if (agentId == null || status == null) {
            return null;
        }
        return new AgentActivity(agentId, status, name(entry.path("channel"), CHANNEL_CODES),
                text(entry.path("busyReason")));
    }

    private PeerException malformed(String what) {
        return new PeerException(peer(), PeerException.Kind.MALFORMED, 200, peer() + " answered " + what);
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
        if (text.matches("\\d{1,9}")) {
            return codes.getOrDefault(Integer.parseInt(text), text);
        }
        return text.toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
