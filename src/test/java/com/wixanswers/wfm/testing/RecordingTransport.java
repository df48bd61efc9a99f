package com.wixanswers.wfm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wixanswers.wfm.calabrio.HistoricalDataTransport;
import com.wixanswers.wfm.calabrio.HistoricalKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every historical-data body posted, parsed, for assertions. */
public final class RecordingTransport implements HistoricalDataTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Posted(HistoricalKind kind, String name, JsonNode body) {
    }

    private final List<Posted> posted = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void post(HistoricalKind kind, String name, byte[] body) {
        try {
            posted.add(new Posted(kind, name, JSON.readTree(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Posted> posted() {
        synchronized (posted) {
            return List.copyOf(posted);
        }
    }

    /** Every row sent of one kind, across bodies. */
    public List<JsonNode> rows(HistoricalKind kind) {
        List<JsonNode> rows = new ArrayList<>();
        for (Posted post : posted()) {
            if (post.kind() == kind) {
                post.body().path("Rows").forEach(rows::add);
            }
        }
        return rows;
    }
}
