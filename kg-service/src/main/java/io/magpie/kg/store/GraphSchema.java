package io.magpie.kg.store;

import io.magpie.kg.config.KnowledgeGraphConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Creates the uniqueness constraints the graph relies on when the service starts; idempotent, so every replica
 * may run it. The constraints also back the {@code MERGE}s of the upserts with an index.
 */
@ApplicationScoped
public class GraphSchema {

    private static final Logger LOG = Logger.getLogger(GraphSchema.class);

    /** The node keys of docs/adr/0011, plus the tombstones of deleted products; each backs its MERGEs with an index. */
    static final List<String> CONSTRAINTS = List.of(
            "CREATE CONSTRAINT product_id IF NOT EXISTS FOR (p:Product) REQUIRE p.id IS UNIQUE",
            "CREATE CONSTRAINT brand_name IF NOT EXISTS FOR (b:Brand) REQUIRE b.name IS UNIQUE",
            "CREATE CONSTRAINT category_path IF NOT EXISTS FOR (c:Category) REQUIRE c.path IS UNIQUE",
            "CREATE CONSTRAINT attribute_name_value IF NOT EXISTS FOR (a:Attribute) REQUIRE (a.name, a.value) IS UNIQUE",
            "CREATE CONSTRAINT removed_product_id IF NOT EXISTS FOR (r:RemovedProduct) REQUIRE r.id IS UNIQUE",
            // the query-text dictionary looks categories up by name
            "CREATE INDEX category_name IF NOT EXISTS FOR (c:Category) ON (c.name)");

    private final Driver driver;
    private final Duration startupWait;

    public GraphSchema(Driver driver, KnowledgeGraphConfig config) {
        this.driver = driver;
        this.startupWait = config.startupWait();
    }

    /**
     * Runs on the main thread before the service takes requests, so blocking is fine here. Waits up to
     * {@code magpie.kg.startup-wait} for Neo4j (a local stack or a pod may start both at once), then fails start-up.
     * Replicas starting together may deadlock on the schema locks (Neo4j then fails one with a transient error):
     * that one tries again too.
     */
    void onStart(@Observes StartupEvent event) {
        long deadline = System.nanoTime() + startupWait.toNanos();
        long pauseMillis = 250;
        while (true) {
            try {
                createConstraints();
                return;
            } catch (ServiceUnavailableException | TransientException e) {
                if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw new IllegalStateException(
                            "Neo4j constraints not created at quarkus.neo4j.uri after waiting " + startupWait + ": "
                                    + e.getMessage(),
                            e);
                }
                LOG.infof("waiting for Neo4j (to start, or another replica's schema change): %s", e.getMessage());
                pause(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private void createConstraints() {
        try (Session session = driver.session()) {
            for (String constraint : CONSTRAINTS) {
                session.run(constraint).consume();
            }
        }
        LOG.infof("Neo4j constraints and indexes in place (%d)", CONSTRAINTS.size());
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
