package io.magpie.devservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j with the Bolt connector on a loopback port, for the local stack and the tests:
 * {@code java -cp magpie-dev-servers.jar io.magpie.devservers.Neo4jServer --port 7687 --data-dir DIR}.
 *
 * <p>The data directory is the Neo4j home: databases, transaction logs and {@code logs/debug.log} live under it
 * and survive restarts. Prints {@value #READY} followed by the Bolt URI once the server accepts connections, and
 * shuts the database down cleanly on SIGTERM / Ctrl-C.
 */
public final class Neo4jServer {

    /** The start of the one line printed when Bolt accepts connections; test resources wait for it. */
    public static final String READY = "Neo4j ready on bolt://127.0.0.1:";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private Neo4jServer() {}

    public static void main(String[] args) throws Exception {
        LaunchOptions options = LaunchOptions.parse("Neo4jServer", args);
        Files.createDirectories(options.dataDir());

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(options.dataDir())
                    .setConfig(settings(options.port()))
                    .build();
        } catch (RuntimeException e) {
            Lifetime.fail(
                    "Neo4jServer", "cannot start Neo4j in " + options.dataDir() + " on port " + options.port(), e);
            return;
        }
        Lifetime lifetime = Lifetime.stopOnExit("Neo4jServer", dbms::shutdown);

        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(START_TIMEOUT.toMillis())) {
                throw new IllegalStateException(
                        "database " + db.databaseName() + " not available after " + START_TIMEOUT);
            }
            db.executeTransactionally("RETURN 1"); // warms up the Cypher runtime for the first client
            awaitBolt(options.port());
        } catch (RuntimeException | IOException e) {
            Lifetime.fail("Neo4jServer", "Neo4j did not become ready", e);
        }
        lifetime.announceReadyAndAwaitStop(READY + options.port());
    }

    private static Map<Setting<?>, Object> settings(int port) {
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        return Map.ofEntries(
                // Bolt only, on loopback only. Authentication is off because nothing but processes on this
                // machine can reach the port; this launcher is for development and tests, never production.
                Map.entry(BoltConnector.enabled, true),
                Map.entry(BoltConnector.listen_address, bolt),
                Map.entry(BoltConnector.advertised_address, bolt),
                Map.entry(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED),
                Map.entry(GraphDatabaseSettings.auth_enabled, false),
                Map.entry(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1")),
                Map.entry(HttpConnector.enabled, false),
                Map.entry(HttpsConnector.enabled, false),
                // Without these, stopping waits up to minutes for open driver connections and the Bolt
                // thread pool (by default 5 minutes each; in practice ~10 s per stop).
                Map.entry(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500)),
                Map.entry(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500)),
                // Small and quick: a laptop runs several services next to it, and test runs start it often.
                Map.entry(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64)),
                Map.entry(BoltConnector.thread_pool_max_size, 64),
                Map.entry(GraphDatabaseSettings.preallocate_logical_logs, false),
                Map.entry(GraphDatabaseSettings.preallocate_store_files, false),
                Map.entry(GraphDatabaseSettings.keep_logical_logs, "false"),
                Map.entry(GraphDatabaseSettings.pagecache_warmup_enabled, false),
                Map.entry(GraphDatabaseSettings.udc_enabled, false));
    }

    /** Build returns once Bolt is bound; a real connect makes "ready" mean what it says. */
    private static void awaitBolt(int port) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
