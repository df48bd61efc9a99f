package com.wixanswers.wfm.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A local directory as a {@link Folder}: the CLI's stand-in for a blob container. */
public final class DirectoryFolder implements Folder {
    private final Path root;

    public DirectoryFolder(Path root) {
        this.root = root;
    }

    private Path file(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root.normalize())) {
            throw new IllegalArgumentException(path + " is outside " + root);
        }
        return file;
    }

    @Override
    public Optional<InputStream> open(String path) {
        try {
            return Optional.of(Files.newInputStream(file(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(path), e);
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        try {
            return Optional.of(Files.readAllBytes(file(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(path), e);
        }
    }

    @Override
    public void write(String path, byte[] content) {
        Path file = file(path);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public OutputStream create(String path) {
        Path file = file(path);
        try {
            Files.createDirectories(file.getParent());
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String where(String path) {
        return file(path).toString();
    }
}
