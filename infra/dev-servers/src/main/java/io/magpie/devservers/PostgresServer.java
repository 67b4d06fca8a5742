package io.magpie.devservers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Embedded PostgreSQL 17 (zonky binaries) on a loopback port, for the local stack and the tests:
 * {@code java -cp magpie-dev-servers.jar io.magpie.devservers.PostgresServer --port 5432 --data-dir DIR}.
 *
 * <p>The data directory is initialised on first start and kept afterwards. The server trusts local connections
 * as user {@code postgres} (development only; it listens on 127.0.0.1 alone). Prints {@value #READY} followed by
 * the port and {@code /postgres} once it answers queries, and stops PostgreSQL on SIGTERM / Ctrl-C.
 */
public final class PostgresServer {

    /** The start of the one line printed when PostgreSQL answers queries; test resources wait for it. */
    public static final String READY = "PostgreSQL ready on postgresql://127.0.0.1:";

    private PostgresServer() {}

    public static void main(String[] args) throws Exception {
        LaunchOptions options = LaunchOptions.parse("PostgresServer", args);
        Files.createDirectories(options.dataDir());

        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(options.port())
                    .setDataDirectory(options.dataDir())
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofMinutes(1))
                    // initdb / pg_ctl / server messages go to this launcher's output instead of a logger
                    .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                    .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException | RuntimeException e) {
            Lifetime.fail(
                    "PostgresServer",
                    "cannot start PostgreSQL in " + options.dataDir() + " on port " + options.port(),
                    e);
            return;
        }
        Lifetime lifetime = Lifetime.stopOnExit("PostgresServer", postgres);

        try {
            checkItIsOurs(postgres, options);
        } catch (SQLException | IOException | IllegalStateException e) {
            System.err.println("PostgresServer: " + e.getMessage());
            System.exit(1); // the shutdown hook stops ours, if ours is running
        }

        lifetime.announceReadyAndAwaitStop(READY + options.port() + "/postgres");
    }

    /**
     * zonky waits for "a server answering on the port", which may be another PostgreSQL when the port was taken
     * (then ours failed to start); the data directory tells them apart.
     */
    private static void checkItIsOurs(EmbeddedPostgres postgres, LaunchOptions options)
            throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW data_directory")) {
            result.next();
            Path served = Path.of(result.getString(1));
            if (!Files.exists(served) || !Files.isSameFile(served, options.dataDir())) {
                throw new IllegalStateException("port " + options.port() + " is taken by another PostgreSQL (data "
                        + "directory " + served + "); ours did not start");
            }
        }
    }
}
