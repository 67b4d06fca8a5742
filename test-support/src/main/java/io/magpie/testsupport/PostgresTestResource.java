package io.magpie.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL 17 for a {@code @QuarkusTest}: zonky's embedded server, started from this JVM on a free
 * loopback port with its data in a scratch folder that is deleted afterwards. The service connects as
 * {@code postgres} to database {@code postgres} (local trust authentication, loopback only). A reconnect test kills
 * it ({@link #killServer()}) and starts it again on the same port and data ({@link #restartServer()}).
 *
 * <pre>{@code @WithTestResource(PostgresTestResource.class)}</pre>
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private static volatile PostgresTestResource running;

    private EmbeddedPostgres postgres;
    private Path scratch;
    private int port;

    /** The PostgreSQL the running test uses, for a reconnect test that kills and restarts it. */
    public static PostgresTestResource running() {
        PostgresTestResource resource = running;
        if (resource == null) {
            throw new IllegalStateException("no PostgresTestResource has started in this JVM");
        }
        return resource;
    }

    @Override
    public Map<String, String> start() {
        port = FreePort.pick();
        scratch = MagpieRoot.scratch("postgres");
        postgres = startServer();
        running = this;
        return Map.of(
                "quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + port + "/" + DATABASE,
                "quarkus.datasource.username",
                USER,
                "quarkus.datasource.password",
                USER,
                "quarkus.datasource.devservices.enabled",
                "false");
    }

    /** Starts the server on this resource's port and data folder: initdb the first time, recovery after a kill. */
    private EmbeddedPostgres startServer() {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(scratch.resolve("data"))
                    // the scratch folder is new and deleted on stop; kept data lets a restart find it again
                    .setCleanDataDirectory(false)
                    // stop() closes it; a JVM hook would race the scratch folder's deletion
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // tests need no durability against a machine crash: skipping fsync keeps ingest tests fast on
                    // slow disks
                    .setServerConfig("fsync", "off")
                    // but a killed server must keep what it acknowledged, as the restart tests assert: a commit's
                    // WAL reaches the OS (no flush) before the answer. Off (zonky's default), a quiet WAL writer
                    // can hold the last commits for seconds, and a kill loses them.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "off")
                    .setPGStartupWait(Duration.ofMinutes(1))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            scratch.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                            scratch.resolve("postgres.log").toFile()))
                    .start();
        } catch (IOException e) {
            // the scratch folder stays for the post-mortem
            throw new UncheckedIOException(
                    "cannot start embedded PostgreSQL on port " + port + "; see " + scratch.resolve("postgres.log"), e);
        }
    }

    /**
     * Kills the server with SIGKILL (the postmaster and its backends), as a crash would; committed rows stay in
     * the data folder. {@link #restartServer()} brings it back on the same port.
     */
    public void killServer() {
        try {
            long pid = Long.parseLong(Files.readAllLines(scratch.resolve("data/postmaster.pid"))
                    .get(0)
                    .trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            // releases the data folder's lock; its "pg_ctl stop" finds no server and only logs that
            postgres.close();
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot kill embedded PostgreSQL on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing embedded PostgreSQL", e);
        }
    }

    /** Starts the server again on the same port and data after {@link #killServer()} (crash recovery runs). */
    public void restartServer() {
        postgres = startServer();
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        } finally {
            ScratchDirs.delete(scratch);
            scratch = null;
        }
    }
}
