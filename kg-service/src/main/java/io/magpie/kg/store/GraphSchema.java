package io.magpie.kg.store;

import io.magpie.kg.config.KnowledgeGraphConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Brings the graph's constraints and indexes to the newest versioned migration of {@code db/neo4j} when the service
 * starts (docs/adr/0038); every replica may run it, one applies each migration. The constraints also back the
 * {@code MERGE}s of the upserts with an index.
 */
@ApplicationScoped
public class GraphSchema {

    private static final Logger LOG = Logger.getLogger(GraphSchema.class);

    private final Driver driver;
    private final Duration startupWait;

    public GraphSchema(Driver driver, KnowledgeGraphConfig config) {
        this.driver = driver;
        this.startupWait = config.startupWait();
    }

    /**
     * Runs on the main thread before the service takes requests, so blocking is fine here. Waits up to
     * {@code magpie.kg.startup-wait} for Neo4j (a local stack or a pod may start both at once) and for another
     * replica's migration, then fails start-up. Replicas starting together may deadlock on the schema locks (Neo4j
     * then fails one with a transient error): that one tries again too.
     */
    void onStart(@Observes StartupEvent event) {
        List<GraphMigration> migrations = GraphMigrationFiles.load(List.of(GraphMigrationFiles.LOCATION));
        migrate(new GraphMigrator(driver, GraphMigrator.thisReplica()), migrations, startupWait);
    }

    /** Runs the migrator until it succeeds, waiting out what other replicas and a starting Neo4j cause. */
    static GraphMigrator.Outcome migrate(GraphMigrator migrator, List<GraphMigration> migrations, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pauseMillis = 250;
        while (true) {
            try {
                return migrator.migrate(migrations);
            } catch (ServiceUnavailableException | TransientException | GraphMigrator.ClaimedElsewhere e) {
                if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw new IllegalStateException(
                            "Neo4j schema not migrated at quarkus.neo4j.uri after waiting " + wait + ": "
                                    + e.getMessage(),
                            e);
                }
                LOG.infof("waiting for Neo4j (to start, or another replica's schema change): %s", e.getMessage());
                pause(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Neo4j", e);
        }
    }
}
