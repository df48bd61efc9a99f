package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.wixanswers.wfm.config.Secret;

import java.util.List;

/**
 * Shapes RTA request bodies (docs/contracts/requests.md, "Calabrio RTA"):
 * {@code {"AuthenticationKey", "SourceId", "IsSnapshot", "States": [{"UserCode", "StateCode"}]}}.
 */
public final class RtaRequests {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);

    private final String sourceId;

    /** A body: the key, the source, whether it is a snapshot, the states. */
    public record Body(String authenticationKey, String sourceId, boolean isSnapshot, List<RtaState> states) {
    }

    /** The fields a body is sent with, the states' within its {@code States}. */
    public static RequestFields fields() {
        return RequestFields.of(JSON, Body.class);
    }

    public RtaRequests(String sourceId) {
        this.sourceId = sourceId;
    }

    public byte[] body(Secret authenticationKey, boolean snapshot, List<RtaState> states) {
        try {
            return JSON.writeValueAsBytes(new Body(authenticationKey.reveal(), sourceId, snapshot, states));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an RTA request", e);
        }
    }
}
