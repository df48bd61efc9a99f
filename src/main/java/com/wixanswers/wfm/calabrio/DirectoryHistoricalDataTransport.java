package com.wixanswers.wfm.calabrio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dry run: writes each request body, exactly as it would be sent, to {@code <dir>/<name>.json}. Ids become
 * file names percent-encoded, so two ids never share a file and no id escapes the directory.
 */
public final class DirectoryHistoricalDataTransport implements HistoricalDataTransport {
    private final Path directory;

    public DirectoryHistoricalDataTransport(Path directory) {
        this.directory = directory;
    }

    @Override
    public void post(HistoricalKind kind, String name, byte[] body) {
        Path file = directory;
        for (String segment : name.split("/")) {
            file = file.resolve(safeFileName(segment));
        }
        file = file.resolveSibling(file.getFileName() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dry-run request " + file, e);
        }
    }

    static String safeFileName(String segment) {
        String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("*", "%2A");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }
}
