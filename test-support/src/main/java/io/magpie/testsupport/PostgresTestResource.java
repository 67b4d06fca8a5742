package io.magpie.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL 17 for a {@code @QuarkusTest}: zonky's embedded server, started from this JVM on a free
 * loopback port with its data in a scratch folder that is deleted afterwards. The service connects as
 * {@code postgres} to database {@code postgres} (local trust authentication, loopback only).
 *
 * <pre>{@code @WithTestResource(PostgresTestResource.class)}</pre>
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private EmbeddedPostgres postgres;
    private Path scratch;

    @Override
    public Map<String, String> start() {
        int port = FreePort.pick();
        scratch = MagpieRoot.scratch("postgres");
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(scratch.resolve("data"))
                    .setCleanDataDirectory(true)
                    // stop() closes it; a JVM hook would race the scratch folder's deletion
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // tests need no durability: skipping fsync keeps ingest tests fast on slow disks
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
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
