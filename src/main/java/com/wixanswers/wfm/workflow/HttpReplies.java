package com.wixanswers.wfm.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answers of the HTTP triggers that start runs, the same for every capability. */
public final class HttpReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpReplies() {
    }

    /** {@code {"error": "...", "parameter": "from"}} with the refusal's status. */
    public static HttpResponseMessage refuse(HttpRequestMessage<?> request, Refusal refusal) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", refusal.error());
        if (refusal.parameter() != null) {
            body.put("parameter", refusal.parameter());
        }
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return request.createResponseBuilder(HttpStatus.valueOf(refusal.status()))
                .header("Content-Type", "application/json")
                .body(json)
                .build();
    }
}
