package com.wixanswers.wfm.answers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerUrl;
import com.wixanswers.wfm.http.Redaction;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code AgentActivityRpcService.getAgentActivities} over JSON-RPC 2.0 (wix-answers.md). Every assumption about
 * the RPC's schema lives here: the request, the envelope, the codes of statuses and channels. Unknown statuses
 * and fields, and agents missing from an answer, are normal; an activity without an agent id is skipped and
 * counted. The answer is decoded as it arrives, one activity at a time.
 */
public final class AgentActivityClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> STATUS_CODES = Map.of(10, "ONLINE", 40, "IN_WORK", 60, "BUSY",
            100, "OFFLINE");
    private static final Map<Integer, String> CHANNEL_CODES = Map.of(0, "NONE", 10, "TICKET", 20, "CALL", 30, "CHAT");
    /** How much of an answer an error message quotes. */
    private static final int QUOTED = 200;

    private final PeerHttpClient http;
    private final PeerUrl url;
    private final Supplier<Secret> token;

    /** What one call returned: the activities, one per agent, and how many entries were skipped. */
    public record Fetched(List<AgentActivity> activities, int skipped) {
    }

    /**
     * One entry of the answer's list, as read and not yet decoded: {@link #activity()} decodes it on whichever
     * thread is to use it, so that a reading thread only reads.
     */
    public static final class Entry {
        private final JsonNode entry;

        private Entry(JsonNode entry) {
            this.entry = entry;
        }

        /** The activity, or null when the entry names no agent or no status: it is then skipped, and counted. */
        public AgentActivity activity() {
            return AgentActivityClient.activity(entry);
        }
    }

    public AgentActivityClient(PeerHttpClient http, PeerUrl url, Supplier<Secret> token) {
        this.http = http;
        this.url = url;
        this.token = token;
    }

    /** The peer's name in messages. */
    public String peer() {
        return http.policy().peer();
    }

    /**
     * The whole answer, one activity per agent.
     *
     * @throws PeerException UNAVAILABLE when Wix Answers is down or slow, MALFORMED for an answer that is not the
     *                       RPC's, REJECTED for a JSON-RPC error
     */
    public Fetched fetch(Instant deadline) {
        List<Entry> entries = new ArrayList<>();
        fetch(deadline, entries::add);
        return decoded(entries);
    }

    /**
     * Hands each entry of the list to {@code sink} as soon as it is read, in the answer's order (an agent may come
     * twice). What the sink got counts only once this returns: an answer may still turn out malformed or a
     * JSON-RPC error after its first entries (then this throws as {@link #fetch(Instant)} does).
     *
     * @return the number of entries handed over
     */
    public int fetch(Instant deadline, Consumer<Entry> sink) {
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
        String peer = peer();
        return http.postJson(url.uri(), body, Map.of("Authorization", "Bearer " + secret.reveal()),
                List.of(secret), deadline, answer -> {
                    QuotedStream quoted = new QuotedStream(answer);
                    try (JsonParser parser = JSON.getFactory().createParser(quoted)) {
                        return decode(peer, parser, sink, quoted::quote, List.of(secret));
                    }
                });
    }

    /** Decodes a whole answer of the RPC; {@code peer} names it in errors, {@code secrets} are kept out of them. */
    public static Fetched parse(String peer, byte[] body, List<Secret> secrets) {
        byte[] answer = body == null ? new byte[0] : body;
        List<Entry> entries = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(answer)) {
            decode(peer, parser, entries::add,
                    () -> new String(answer, 0, Math.min(answer.length, QUOTED), StandardCharsets.UTF_8), secrets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return decoded(entries);
    }

    private static Fetched decoded(List<Entry> entries) {
        List<AgentActivity> activities = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            AgentActivity activity = entry.activity();
            if (activity != null) {
                activities.add(activity);
            }
        }
        return new Fetched(oneActivityPerAgent(activities), entries.size() - activities.size());
    }

    /** The same agent twice in one answer: the later entry wins, in the place of the first. */
    public static List<AgentActivity> oneActivityPerAgent(List<AgentActivity> activities) {
        Map<String, AgentActivity> byAgent = new LinkedHashMap<>(activities.size() * 4 / 3 + 1);
        for (AgentActivity activity : activities) {
            byAgent.put(activity.agentId(), activity);
        }
        return byAgent.size() == activities.size() ? activities : new ArrayList<>(byAgent.values());
    }

    /**
     * Reads the envelope {@code {"result": {"activities": [...]}}} or {@code {"error": {...}}}, handing each entry of
     * the list to {@code sink}; other fields, wherever they are, are skipped. Answers the number of entries.
     */
    private static int decode(String peer, JsonParser parser, Consumer<Entry> sink, Supplier<String> beginning,
                              List<Secret> secrets) throws IOException {
        int[] entries = {0};
        JsonNode error = null;
        boolean listed = false;
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(peer, "an empty or non-object answer");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("result") && value == JsonToken.START_OBJECT) {
                    listed |= readResult(parser, sink, entries);
                } else if (field.equals("error")) {
                    error = JSON.readTree(parser);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ", at byte " + e.getLocation().getByteOffset();
            throw malformed(peer, "an answer that is not JSON (" + Redaction.redact(e.getOriginalMessage().lines()
                    .findFirst().orElse(""), secrets) + where + "), beginning: "
                    + Redaction.redact(beginning.get(), secrets));
        }
        if (error != null && !error.isNull()) {
            throw new PeerException(peer, PeerException.Kind.REJECTED, 200, peer + " answered a JSON-RPC error "
                    + error.path("code").asText("?") + ": " + Redaction.redact(error.path("message").asText(""), secrets));
        }
        if (!listed) {
            throw malformed(peer, "no result.activities array");
        }
        return entries[0];
    }

    /** Reads {@code result}'s fields; answers whether it held the activities array, counting its entries. */
    private static boolean readResult(JsonParser parser, Consumer<Entry> sink, int[] entries) throws IOException {
        boolean listed = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken() == JsonToken.START_ARRAY && field.equals("activities")) {
                listed = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    entries[0]++;
                    sink.accept(new Entry(JSON.readTree(parser)));
                }
            } else {
                parser.skipChildren();
            }
        }
        return listed;
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

    /** An answer as it is read, keeping its first bytes to quote in an error message. */
    private static final class QuotedStream extends FilterInputStream {
        private final byte[] first = new byte[QUOTED];
        private int kept;

        QuotedStream(InputStream answer) {
            super(answer);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && kept < first.length) {
                first[kept++] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0 && kept < first.length) {
                int copied = Math.min(read, first.length - kept);
                System.arraycopy(buffer, offset, first, kept, copied);
                kept += copied;
            }
            return read;
        }

        String quote() {
            return new String(Arrays.copyOf(first, kept), StandardCharsets.UTF_8);
        }
    }
}
