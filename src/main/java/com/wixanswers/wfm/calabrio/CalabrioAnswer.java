package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerException;
import com.wixanswers.wfm.http.PeerResponse;
import com.wixanswers.wfm.http.Redaction;

import java.io.IOException;
import java.util.List;

/**
 * Reads Calabrio's answers, where a 200 is not a success by itself (docs/contracts/requests.md): it may carry
 * {@code {"Successful": false, "Message"}}, {@code {"StatusCode": 4xx, "Message"}} or {@code {"Errors": [...]}}.
 */
public final class CalabrioAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CalabrioAnswer() {
    }

    /**
     * @return the answer's JSON (a missing node for an empty body)
     * @throws PeerException REJECTED for an error envelope, MALFORMED for a body that is not JSON
     */
    public static JsonNode requireSuccess(String peer, PeerResponse response, List<Secret> secrets) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new PeerException(peer, PeerException.Kind.MALFORMED, response.status(), peer + " answered HTTP "
                    + response.status() + " with a body that is not JSON: " + Redaction.redact(body, secrets));
        }
        String failure = failureOf(answer);
        if (failure != null) {
            throw new PeerException(peer, PeerException.Kind.REJECTED, response.status(), peer + " answered HTTP "
                    + response.status() + " but reported a failure: " + Redaction.redact(failure, secrets));
        }
        return answer;
    }

    /** The failure message an envelope carries, or null for a success. */
    static String failureOf(JsonNode answer) {
        if (!answer.isObject()) {
            return null;
        }
        String message = answer.path("Message").isTextual() ? answer.path("Message").asText() : "(no message)";
        if (answer.path("Successful").isBoolean() && !answer.path("Successful").asBoolean()) {
            return message;
        }
        if (answer.path("StatusCode").isNumber() && answer.path("StatusCode").asInt() >= 400) {
            return "status " + answer.path("StatusCode").asInt() + ": " + message;
        }
        JsonNode errors = answer.path("Errors");
        if (errors.isArray() && errors.size() > 0) {
            JsonNode first = errors.get(0);
            String text = first.path("Message").isTextual() ? first.path("Message").asText() : first.toString();
            return errors.size() == 1 ? text : text + " (and " + (errors.size() - 1) + " more errors)";
        }
        return null;
    }
}
