package com.wixanswers.wfm.storage;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Files under one root, by relative path ({@code reports/agents.report.csv}): a blob container in Azure, a
 * directory for the CLI. Paths use {@code /} whatever the root.
 */
public interface Folder {
    /** The file as a stream, read as it is consumed; empty when there is none. */
    Optional<InputStream> open(String path);

    /** The whole file; empty when there is none. */
    Optional<byte[]> read(String path);

    /** Writes the file whole, replacing what was there. */
    void write(String path, byte[] content);

    /** A stream that writes the file as it goes, replacing what was there once it is closed. */
    OutputStream create(String path);

    /** Where the file is, for messages an operator reads ({@code onboarding/reports/agents.report.csv}). */
    String where(String path);
}
