package io.magpie.kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.Neo4jTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * The graph migrations on the service's real Neo4j, driven directly: each test starts from a graph without schema
 * and puts back what the service's start made (V1, recorded) when done.
 */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
class GraphMigrationsTest {

    /** What kg-service ran at every start before migrations (the release before docs/adr/0038), verbatim. */
    private static final List<String> PREVIOUS_RELEASE_STATEMENTS = List.of(
            "CREATE CONSTRAINT product_id IF NOT EXISTS FOR (p:Product) REQUIRE p.id IS UNIQUE",
            "CREATE CONSTRAINT brand_name IF NOT EXISTS FOR (b:Brand) REQUIRE b.name IS UNIQUE",
            "CREATE CONSTRAINT category_path IF NOT EXISTS FOR (c:Category) REQUIRE c.path IS UNIQUE",
            "CREATE CONSTRAINT attribute_name_value IF NOT EXISTS FOR (a:Attribute) REQUIRE (a.name, a.value) IS UNIQUE",
            "CREATE CONSTRAINT removed_product_id IF NOT EXISTS FOR (r:RemovedProduct) REQUIRE r.id IS UNIQUE",
            "CREATE INDEX category_name IF NOT EXISTS FOR (c:Category) ON (c.name)");

    private static final List<GraphMigration> RELEASED = GraphMigrationFiles.load(List.of("db/neo4j"));

    /** The released ones plus V2 of the test resources. */
    private static final List<GraphMigration> WITH_V2 = GraphMigrationFiles.load(List.of("db/neo4j", "db/neo4j-test"));

    @Inject
    Driver driver;

    @BeforeEach
    void withoutSchema() {
        dropSchema();
    }

    @AfterEach
    void asTheServiceLeftIt() {
        dropSchema();
        new GraphMigrator(driver, "restore").migrate(RELEASED);
    }

    @Test
    void aFreshGraphGetsV1AndItsRecordThenANewMigrationAppliesOnce() {
        GraphMigrator.Outcome release = new GraphMigrator(driver, "release").migrate(RELEASED);
        assertEquals(new GraphMigrator.Outcome(false, List.of(1)), release);
        assertEquals(
                Set.of(
                        "product_id",
                        "brand_name",
                        "category_path",
                        "attribute_name_value",
                        "removed_product_id",
                        "category_name",
                        GraphMigrator.BOOKKEEPING_CONSTRAINT),
                Set.copyOf(schemaNames()));
        Map<String, Object> record = record(1);
        assertEquals("applied", record.get("state"));
        assertEquals("node keys", record.get("description"));
        assertEquals(RELEASED.get(0).checksum(), record.get("checksum"));
        assertTrue(record.containsKey("appliedAt"));
        assertEquals(
                new GraphMigrator.Outcome(false, List.of()), new GraphMigrator(driver, "restart").migrate(RELEASED));

        GraphMigrator.Outcome upgrade = new GraphMigrator(driver, "upgrade").migrate(WITH_V2);
        GraphMigrator.Outcome restart = new GraphMigrator(driver, "restart").migrate(WITH_V2);

        assertEquals(new GraphMigrator.Outcome(false, List.of(2)), upgrade);
        assertEquals(new GraphMigrator.Outcome(false, List.of()), restart);
        assertEquals(1L, probeRuns());
        assertTrue(schemaNames().contains("product_title_test"));
        assertEquals("release", record(1).get("owner"));
        // the release before V2 (a rollback) still starts: it ignores the migration it does not know
        assertEquals(
                new GraphMigrator.Outcome(false, List.of()), new GraphMigrator(driver, "rollback").migrate(RELEASED));
    }

    @Test
    void aGraphOfThePreviousReleaseIsRecordedAsV1WithItsDataUntouchedThenV2Applies() {
        List<String> ids = previousReleaseGraphWithProducts();
        List<Map<String, Object>> productsBefore = products(ids);
        List<String> previousSchema = schemaDescription();

        GraphMigrator.Outcome outcome = new GraphMigrator(driver, "upgrade").migrate(WITH_V2);

        assertTrue(outcome.baselined());
        assertEquals(List.of(2), outcome.applied());
        Map<String, Object> baseline = record(1);
        assertEquals(true, baseline.get("baseline"));
        assertEquals("applied", baseline.get("state"));
        assertFalse(baseline.containsKey("checksum"), "a baseline has no file to compare with");
        assertEquals("applied", record(2).get("state"));
        assertEquals(productsBefore, products(ids));
        assertEquals(1L, probeRuns());

        // V1 is exactly the previous release's schema: a fresh graph migrated to V1 has the same one
        dropSchema();
        new GraphMigrator(driver, "fresh").migrate(RELEASED);
        assertEquals(previousSchema, schemaDescription());
    }

    @Test
    void replicasStartingTogetherApplyEachMigrationOnce() {
        CompletableFuture<GraphMigrator.Outcome> a = CompletableFuture.supplyAsync(() -> startReplica("a"));
        CompletableFuture<GraphMigrator.Outcome> b = CompletableFuture.supplyAsync(() -> startReplica("b"));
        a.join();
        b.join();

        // V2 counts its runs; the records say who applied each version (one may apply V1 and the other V2)
        assertEquals(1L, probeRuns());
        for (int version : List.of(1, 2)) {
            assertEquals("applied", record(version).get("state"));
            assertTrue(
                    Set.of("a", "b").contains(record(version).get("owner")),
                    record(version).toString());
        }
    }

    @Test
    void aMigrationLeftByAReplicaThatDiedOrThatFailedRunsAgainAtTheNextStart() {
        try (Session session = driver.session()) {
            session.run("""
                            CREATE (:SchemaMigration {version: 1, description: 'node keys', checksum: $checksum,
                                    state: 'applying', owner: 'died', startedAt: datetime() - duration('PT1H')})""", Map.of("checksum", RELEASED.get(0).checksum())).consume();
        }
        assertEquals(
                List.of(1),
                new GraphMigrator(driver, "survivor").migrate(RELEASED).applied());
        assertEquals("survivor", record(1).get("owner"));
        assertEquals("applied", record(1).get("state"));

        List<GraphMigration> broken = List.of(
                RELEASED.get(0),
                GraphMigration.parse(
                        "V2__product_title_index.cypher",
                        "MERGE (probe:MigrationProbe {name: 'v2'}) SET probe.runs = 0;\nCREATE INDEX FOR Product;"));
        assertThrows(RuntimeException.class, () -> new GraphMigrator(driver, "broken").migrate(broken));
        assertEquals("failed", record(2).get("state"));
        assertTrue(record(2).containsKey("error"));

        // the fixed file (a failed migration never applied, so it may change) runs at the next start
        assertEquals(
                List.of(2), new GraphMigrator(driver, "fixed").migrate(WITH_V2).applied());
        assertEquals("applied", record(2).get("state"));
        assertEquals("fixed", record(2).get("owner"));
        assertEquals(1L, probeRuns());
    }

    @Test
    void aChangedAppliedMigrationStopsTheStartAndNothingNewerApplies() {
        new GraphMigrator(driver, "release").migrate(RELEASED);
        try (Session session = driver.session()) {
            session.run("MATCH (m:SchemaMigration {version: 1}) SET m.checksum = 'as-released'")
                    .consume();
        }

        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> GraphSchema.migrate(new GraphMigrator(driver, "edited"), WITH_V2, Duration.ofMinutes(1)));

        assertTrue(
                refused.getMessage().contains("V1__node_keys.cypher has changed since it was applied"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("as-released"), refused.getMessage());
        assertTrue(record(2).isEmpty());
        assertEquals(0L, probeRuns());
    }

    private GraphMigrator.Outcome startReplica(String name) {
        return GraphSchema.migrate(new GraphMigrator(driver, name), WITH_V2, Duration.ofMinutes(2));
    }

    /** A graph as the previous release left it: its start-up statements ran, products were synced. */
    private List<String> previousReleaseGraphWithProducts() {
        String run = UUID.randomUUID().toString();
        List<String> ids = List.of("upgrade-" + run + "-1", "upgrade-" + run + "-2");
        try (Session session = driver.session()) {
            PREVIOUS_RELEASE_STATEMENTS.forEach(
                    statement -> session.run(statement).consume());
            session.run("""
                            UNWIND $ids AS id
                            MERGE (p:Product {id: id}) SET p.title = 'Kettle ' + id, p.version = 3
                            MERGE (b:Brand {name: 'Upgrade brand ' + $run}) MERGE (p)-[:MADE_BY]->(b)""", Map.of("ids", ids, "run", run)).consume();
        }
        return ids;
    }

    private List<Map<String, Object>> products(List<String> ids) {
        try (Session session = driver.session()) {
            return session.run("""
                            MATCH (p:Product)-[:MADE_BY]->(b:Brand) WHERE p.id IN $ids
                            RETURN properties(p) AS product, b.name AS brand ORDER BY p.id""", Map.of("ids", ids)).list(row -> row.asMap());
        }
    }

    private List<String> schemaNames() {
        try (Session session = driver.session()) {
            return session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
                    .list(row -> row.get("name").asString());
        }
    }

    /** Every constraint and index but the bookkeeping's: name, kind, labels and properties. */
    private List<String> schemaDescription() {
        TreeSet<String> description = new TreeSet<>();
        try (Session session = driver.session()) {
            session.run(
                            "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties WHERE name <> $bookkeeping"
                                    + " RETURN name, type, labelsOrTypes, properties",
                            Map.of("bookkeeping", GraphMigrator.BOOKKEEPING_CONSTRAINT))
                    .forEachRemaining(row -> description.add("constraint " + row.asMap()));
            session.run(
                            "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint"
                                    + " WHERE type <> 'LOOKUP' AND name <> $bookkeeping"
                                    + " RETURN name, type, labelsOrTypes, properties, owningConstraint",
                            Map.of("bookkeeping", GraphMigrator.BOOKKEEPING_CONSTRAINT))
                    .forEachRemaining(row -> description.add("index " + row.asMap()));
        }
        return List.copyOf(description);
    }

    private Map<String, Object> record(int version) {
        try (Session session = driver.session()) {
            return session
                    .run(
                            "MATCH (m:SchemaMigration {version: $version}) RETURN properties(m) AS m",
                            Map.of("version", version))
                    .list(row -> row.get("m").asMap())
                    .stream()
                    .findFirst()
                    .orElse(Map.of());
        }
    }

    private long probeRuns() {
        try (Session session = driver.session()) {
            return session.run("OPTIONAL MATCH (p:MigrationProbe {name: 'v2'}) RETURN coalesce(p.runs, 0) AS runs")
                    .single()
                    .get("runs")
                    .asLong();
        }
    }

    /** Drops every constraint and index and the migration records: a graph as a new Neo4j holds it. */
    private void dropSchema() {
        try (Session session = driver.session()) {
            for (String name : session.run("SHOW CONSTRAINTS YIELD name")
                    .list(row -> row.get("name").asString())) {
                session.run("DROP CONSTRAINT " + name).consume();
            }
            for (String name : schemaNames()) {
                session.run("DROP INDEX " + name).consume();
            }
            session.run("MATCH (n) WHERE n:SchemaMigration OR n:MigrationProbe DELETE n")
                    .consume();
        }
    }
}
