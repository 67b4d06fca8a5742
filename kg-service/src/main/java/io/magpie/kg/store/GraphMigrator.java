package io.magpie.kg.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Brings the graph's schema to the newest of the given migrations (docs/adr/0038), like Flyway does for PostgreSQL:
 * each version is recorded as a {@code (:SchemaMigration {version, description, checksum, state, appliedAt})} node,
 * unique by version. A replica claims a version by creating its node (state {@code applying}) before running its
 * statements, so replicas starting together never run one migration twice: the others see the claim and wait.
 * Neo4j runs schema statements outside write transactions, so a migration is not atomic: one that fails is recorded
 * {@code failed} and runs again from its first statement at the next try (of any replica), which is why migrations
 * must be re-runnable ({@code IF NOT EXISTS}, {@code MERGE}).
 */
public class GraphMigrator {

    /** A claim older than this was left by a replica that died mid-migration; another replica takes it over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    static final String BOOKKEEPING_CONSTRAINT = "schema_migration_version";

    private static final Logger LOG = Logger.getLogger(GraphMigrator.class);

    private static final String CREATE_BOOKKEEPING_CONSTRAINT = "CREATE CONSTRAINT " + BOOKKEEPING_CONSTRAINT
            + " IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE";

    private static final String RECORDED = """
            MATCH (m:SchemaMigration)
            RETURN m.version AS version, m.checksum AS checksum, m.state AS state, m.owner AS owner,
                   m.startedAt < datetime() - duration({seconds: $abandonedAfter}) AS old""";

    /** Indexes and constraints other than the bookkeeping's: a graph that has them was made before migrations. */
    private static final String SCHEMA_OBJECTS = """
            SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' AND name <> $bookkeeping
            RETURN count(*) AS n""";

    private static final String CONSTRAINTS = """
            SHOW CONSTRAINTS YIELD name WHERE name <> $bookkeeping
            RETURN count(*) AS n""";

    private static final String CLAIM = """
            CREATE (:SchemaMigration {version: $version, description: $description, checksum: $checksum,
                                      state: 'applying', owner: $owner, startedAt: datetime()})""";

    private static final String BASELINE = """
            CREATE (:SchemaMigration {version: 1, description: 'made before migrations', state: 'applied',
                                      baseline: true, owner: $owner, startedAt: datetime(), appliedAt: datetime()})""";

    private static final String FINISH = """
            MATCH (m:SchemaMigration {version: $version, owner: $owner})
            SET m.state = 'applied', m.appliedAt = datetime()""";

    /** Kept, not deleted: a graph with a record never looks like one made before migrations (baseline). */
    private static final String FAIL = """
            MATCH (m:SchemaMigration {version: $version, owner: $owner, state: 'applying'})
            SET m.state = 'failed', m.failedAt = datetime(), m.error = $error""";

    /** Replaces a failed or abandoned claim by this replica's in one transaction; a rival's try fails on the key. */
    private static final String TAKE_OVER = """
            MATCH (m:SchemaMigration {version: $version, owner: $seenOwner})
            WHERE m.state = 'failed' OR m.owner = $owner
               OR (m.state = 'applying' AND m.startedAt < datetime() - duration({seconds: $abandonedAfter}))
            DELETE m
            CREATE (:SchemaMigration {version: $version, description: $description, checksum: $checksum,
                                      state: 'applying', owner: $owner, startedAt: datetime()})
            RETURN count(*) AS taken""";

    /** What a claim that lost a race to another replica fails with. */
    private static final Set<String> CLAIMED_BY_ANOTHER =
            Set.of("Neo.ClientError.Schema.ConstraintValidationFailed", "Neo.ClientError.Statement.EntityNotFound");

    private final Driver driver;
    private final String owner;

    public GraphMigrator(Driver driver, String owner) {
        this.driver = driver;
        this.owner = owner;
    }

    /** This replica's name in the claims: the pod's host name where there is one, made unique per start. */
    public static String thisReplica() {
        String host = Objects.requireNonNullElse(System.getenv("HOSTNAME"), "kg-service");
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What one run did; the graph is then at the newest version whichever replica applied it. */
    public record Outcome(boolean baselined, List<Integer> applied) {}

    /**
     * Applies, in version order, the migrations the graph has no record of. Throws {@link ClaimedElsewhere} while
     * another replica applies one (call again later), and {@link IllegalStateException} when a migration that was
     * applied has changed since.
     */
    public Outcome migrate(List<GraphMigration> migrations) {
        try (Session session = driver.session()) {
            session.run(CREATE_BOOKKEEPING_CONSTRAINT).consume();
            Map<Integer, Recorded> recorded = recorded(session);
            validate(migrations, recorded);
            boolean baselined = false;
            if (recorded.isEmpty() && madeBeforeMigrations(session)) {
                // the previous release made exactly V1 at every start: record it instead of running it (it is
                // idempotent, so running it would change nothing either)
                baselined = create(session, BASELINE, Map.of("owner", owner));
                if (baselined) {
                    LOG.infof("Neo4j graph made before migrations: recorded as version 1 (baseline)");
                }
                recorded = recorded(session);
            }
            List<Integer> applied = new ArrayList<>();
            for (GraphMigration migration : migrations) {
                Recorded record = recorded.get(migration.version());
                if (record != null && record.applied()) {
                    continue;
                }
                boolean claimed = record == null
                        ? create(session, CLAIM, claim(migration))
                        : takeOverIfLeft(session, migration, record);
                if (!claimed) {
                    throw new ClaimedElsewhere(migration);
                }
                apply(session, migration);
                applied.add(migration.version());
            }
            int newest = migrations.isEmpty()
                    ? 0
                    : migrations.get(migrations.size() - 1).version();
            LOG.infof("Neo4j schema migrations up to version %d in place (%d applied now)", newest, applied.size());
            return new Outcome(baselined, applied);
        }
    }

    private void apply(Session session, GraphMigration migration) {
        long started = System.nanoTime();
        try {
            for (String statement : migration.statements()) {
                session.run(statement).consume();
            }
        } catch (RuntimeException e) {
            try {
                session.run(FAIL, Map.of("version", migration.version(), "owner", owner, "error", String.valueOf(e)))
                        .consume();
            } catch (RuntimeException unrecorded) {
                e.addSuppressed(unrecorded); // the claim stays ours: this replica's next try takes it over
            }
            throw e;
        }
        session.run(FINISH, Map.of("version", migration.version(), "owner", owner))
                .consume();
        LOG.infof("Neo4j migration %s applied in %d ms", migration.file(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Claims a version whose record failed (any replica may retry it), is this replica's own from an earlier try, or
     * was left {@code applying} by a replica that died; false when another replica is applying it now.
     */
    private boolean takeOverIfLeft(Session session, GraphMigration migration, Recorded record) {
        boolean left = record.failed() || record.abandoned() || owner.equals(record.owner());
        if (!left) {
            return false;
        }
        if (record.abandoned()) {
            LOG.warnf(
                    "Neo4j migration %s was claimed by %s over %s ago and never finished: taking it over",
                    migration.file(), record.owner(), ABANDONED_AFTER);
        }
        Map<String, Object> parameters = new HashMap<>(claim(migration));
        parameters.put("seenOwner", record.owner());
        parameters.put("abandonedAfter", ABANDONED_AFTER.toSeconds());
        try {
            return session.run(TAKE_OVER, parameters).single().get("taken").asLong() > 0;
        } catch (ClientException e) {
            if (CLAIMED_BY_ANOTHER.contains(e.code())) {
                return false;
            }
            throw e;
        }
    }

    /** Creates a record node; false when one with its version exists already (made by another replica). */
    private static boolean create(Session session, String query, Map<String, Object> parameters) {
        try {
            session.run(query, parameters).consume();
            return true;
        } catch (ClientException e) {
            if (CLAIMED_BY_ANOTHER.contains(e.code())) {
                return false;
            }
            throw e;
        }
    }

    private Map<String, Object> claim(GraphMigration migration) {
        return Map.of(
                "version",
                migration.version(),
                "description",
                migration.description(),
                "checksum",
                migration.checksum(),
                "owner",
                owner);
    }

    /** Like Flyway's validate: an applied migration whose file changed since stops the start (a failed one may be fixed). */
    private static void validate(List<GraphMigration> migrations, Map<Integer, Recorded> recorded) {
        for (GraphMigration migration : migrations) {
            Recorded record = recorded.get(migration.version());
            if (record != null
                    && record.applied()
                    && record.checksum() != null
                    && !record.checksum().equals(migration.checksum())) {
                throw new IllegalStateException("Neo4j migration " + migration.file()
                        + " has changed since it was applied (checksum in the graph " + record.checksum()
                        + ", of the file " + migration.checksum()
                        + "). A released migration must never be edited: restore it and put the change in a new"
                        + " migration with the next version (docs/adr/0038).");
            }
        }
    }

    private static boolean madeBeforeMigrations(Session session) {
        Map<String, Object> parameters = Map.of("bookkeeping", BOOKKEEPING_CONSTRAINT);
        return session.run(SCHEMA_OBJECTS, parameters).single().get("n").asLong() > 0
                || session.run(CONSTRAINTS, parameters).single().get("n").asLong() > 0;
    }

    private static Map<Integer, Recorded> recorded(Session session) {
        Map<Integer, Recorded> recorded = new HashMap<>();
        session.run(RECORDED, Map.of("abandonedAfter", ABANDONED_AFTER.toSeconds()))
                .forEachRemaining(row -> recorded.put(
                        row.get("version").asInt(),
                        new Recorded(
                                row.get("checksum").asString(null),
                                row.get("state").asString(),
                                row.get("owner").asString(null),
                                row.get("old").asBoolean(false))));
        return recorded;
    }

    private record Recorded(String checksum, String state, String owner, boolean old) {

        boolean applied() {
            return "applied".equals(state);
        }

        boolean failed() {
            return "failed".equals(state);
        }

        boolean abandoned() {
            return "applying".equals(state) && old;
        }
    }

    /** Another replica is applying this migration now; the caller waits and tries again. */
    public static class ClaimedElsewhere extends RuntimeException {

        ClaimedElsewhere(GraphMigration migration) {
            super("Neo4j migration " + migration.file() + " is being applied by another replica");
        }
    }
}
