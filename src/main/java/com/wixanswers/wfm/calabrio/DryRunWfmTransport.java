package com.wixanswers.wfm.calabrio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dry run of the WFM API: queries still go to Calabrio (a dry run needs its skills and people), commands are
 * written to {@code <dir>/<name>.json}, exactly as they would be sent, and answered as if Calabrio took them.
 */
public final class DryRunWfmTransport implements WfmTransport {
    private static final JsonNode TAKEN = new ObjectMapper().createObjectNode().put("Successful", true)
            .put("Message", "dry run: not sent");

    private final WfmTransport queries;
    private final Path directory;

    public DryRunWfmTransport(WfmTransport queries, Path directory) {
        this.queries = queries;
        this.directory = directory;
    }

    @Override
    public JsonNode post(String path, String name, byte[] body) {
        if (path.startsWith("query/")) {
            return queries.post(path, name, body);
        }
        Path file = directory.resolve(DirectoryHistoricalDataTransport.safeFileName(name) + ".json");
        try {
            Files.createDirectories(directory);
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dry-run request " + file, e);
        }
        return TAKEN;
    }
}
