package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.databind.JsonNode;
import com.wixanswers.wfm.config.PeerUrl;
import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.PeerHttpClient;
import com.wixanswers.wfm.http.PeerResponse;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Calls {@code {CALABRIO_BASE_URL}/api/...} with the personal access token as a bearer token. */
public final class HttpWfmTransport implements WfmTransport {
    private final PeerHttpClient http;
    private final PeerUrl baseUrl;
    private final Supplier<Secret> token;

    /** @param token read at every call, so a rotated token is used as soon as it is visible */
    public HttpWfmTransport(PeerHttpClient http, PeerUrl baseUrl, Supplier<Secret> token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    @Override
    public JsonNode get(String path) {
        Secret secret = token.get();
        PeerResponse response = http.get(baseUrl.resolve("/api/" + path), Map.of("Authorization", "Bearer "
                + secret.reveal(), "Accept", "application/json"), List.of(secret), null);
        return CalabrioAnswer.requireSuccess(http.policy().peer(), response, List.of(secret));
    }

    @Override
    public JsonNode post(String path, String name, byte[] body) {
        Secret secret = token.get();
        PeerResponse response = http.postJson(baseUrl.resolve("/api/" + path), body,
                Map.of("Authorization", "Bearer " + secret.reveal()), List.of(secret), null);
        return CalabrioAnswer.requireSuccess(http.policy().peer(), response, List.of(secret));
    }
}
