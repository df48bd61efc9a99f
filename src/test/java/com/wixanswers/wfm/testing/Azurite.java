package com.wixanswers.wfm.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's Blob service, the real Azure Storage emulator, for the tests that need storage: installed from npm
 * into target/azurite when it is not there yet (.ci/run installs it beforehand), started on a free loopback port,
 * and killed by pid afterwards (it ignores a plain SIGTERM while connections are open).
 */
public final class Azurite implements BeforeAllCallback, AfterAllCallback {
    public static final String VERSION = "3.37.0";
    private static final Path HOME = Path.of("target", "azurite");
    /** The emulator's well-known development account, the same on every machine (not a secret). */
    private static final String DEV_ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path binary = HOME.resolve("node_modules/.bin/azurite-blob");
        if (!Files.isExecutable(binary)) {
            install();
        }
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        File log = HOME.resolve("azurite-" + port + ".log").toFile();
        process = new ProcessBuilder(binary.toAbsolutePath().toString(), "--blobHost", "127.0.0.1",
                "--blobPort", Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Azurite did not start on port " + port + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        Process npm;
        try {
            // Not inheritIO: node would make the test JVM's stdin non-blocking, and surefire talks over it.
            npm = new ProcessBuilder("npm", "install", "--prefix", HOME.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", "azurite@" + VERSION)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(HOME.resolve("npm-install.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("these tests need Azurite, installed with npm, and npm is not on PATH"
                    + " (install Node.js, or run .ci/run)", e);
        }
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install azurite@" + VERSION + " failed; see "
                    + HOME.resolve("npm-install.log"));
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A connection string for the development account on this Azurite. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DEV_ACCOUNT_KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            // By pid, and forcibly: Azurite ignores SIGTERM while connections are open.
            new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

}
