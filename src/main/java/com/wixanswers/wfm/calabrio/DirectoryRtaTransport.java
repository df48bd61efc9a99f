package com.wixanswers.wfm.calabrio;

import com.wixanswers.wfm.config.Secret;
import com.wixanswers.wfm.http.Redaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A dry run of RTA: each body goes to {@code <dir>/<name>.json}, its authentication key blanked out. */
public final class DirectoryRtaTransport implements RtaTransport {
    private final Path directory;

    public DirectoryRtaTransport(Path directory) {
        this.directory = directory;
    }

    @Override
    public void post(String name, byte[] body, Secret key, Instant deadline) {
        String json = new String(body, StandardCharsets.UTF_8);
        String blanked = key.reveal().isEmpty() ? json : json.replace(key.reveal(), "***");
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(DirectoryHistoricalDataTransport.safeFileName(name) + ".json"),
                    blanked);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dry-run request " + name + ": "
                    + Redaction.redact(e.getMessage(), List.of(key)), e);
        }
    }
}
