package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.databind.JsonNode;

/** Where WFM API calls go: Calabrio over HTTPS, or (commands only) files for a dry run. */
public interface WfmTransport {
    /**
     * POSTs {@code body} to {@code /api/<path>} ({@code query/Skill/AllSkills}, {@code command/SetForecast}).
     *
     * @param name a readable, unique name of the call, for a dry run's file ({@code AddSkillsToPerson-row-17})
     * @return the answer's JSON; an error envelope is a {@link com.wixanswers.wfm.http.PeerException}
     */
    JsonNode post(String path, String name, byte[] body);

    /** GETs {@code /api/<path>} ({@code command}, {@code query}: what the tenant offers); only Calabrio answers it. */
    default JsonNode get(String path) {
        throw new UnsupportedOperationException("only Calabrio itself lists its commands and queries");
    }
}
