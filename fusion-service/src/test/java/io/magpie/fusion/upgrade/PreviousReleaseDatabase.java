package io.magpie.fusion.upgrade;

import io.magpie.fusion.store.EventPartitions;
import io.magpie.testsupport.PostgresTestResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A real PostgreSQL as the release before schema migrations left it (docs/adr/0036): schema {@code fusion} as that
 * release made it at start-up (which the first migration is, statement for statement), the month's partitions it made,
 * a stored event, a linked session and a failed collaborative job, and no Flyway history table.
 */
public class PreviousReleaseDatabase extends PostgresTestResource {

    /** The first migration: the schema the release before migrations made. Released, so never renamed. */
    private static final String V1 = "db/migration/fusion/V1__events_and_model_registry.sql";

    static final String USER = "u-before-upgrade";
    static final String PRODUCT = "p-before-upgrade";
    static final String EVENT_ID = "e-before-upgrade";
    static final String JOB_ID = "collaborative-before-upgrade";
    static final String JOB_ERROR = "no events in the window";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:" + config.get("quarkus.datasource.reactive.url"),
                config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"))) {
            layOut(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lay out the previous release's database", e);
        }
        return config;
    }

    private static void layOut(Connection connection) throws SQLException {
        Instant occurred = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        YearMonth month = YearMonth.from(occurred.atZone(ZoneOffset.UTC));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA fusion");
            statement.execute(firstMigration());
            // the previous release made the months' partitions at start-up, as this one does
            for (String partition : EventPartitions.statements(month)) {
                statement.execute(partition);
            }
            statement.execute("INSERT INTO fusion.session_user (session_id, user_id) VALUES ('s-before-upgrade', '"
                    + USER + "')");
        }
        try (PreparedStatement key = connection.prepareStatement("INSERT INTO fusion.event_key (event_id) VALUES (?)");
                PreparedStatement event = connection.prepareStatement(
                        "INSERT INTO fusion.event (event_id, type, user_id, product_id, occurred_at, product_known, "
                                + "category) VALUES (?, 'purchase', ?, ?, ?, true, 'kitchen')")) {
            key.setString(1, EVENT_ID);
            key.executeUpdate();
            event.setString(1, EVENT_ID);
            event.setString(2, USER);
            event.setString(3, PRODUCT);
            event.setTimestamp(4, Timestamp.from(occurred));
            event.executeUpdate();
        }
        try (PreparedStatement job = connection.prepareStatement(
                "INSERT INTO fusion.collaborative_job (id, state, started_at, heartbeat_at, job) "
                        + "VALUES (?, 'failed', now(), now(), ?::jsonb)")) {
            job.setString(1, JOB_ID);
            job.setString(2, """
                    {"id": "%s", "state": "failed", "trigger": "admin", "error": "%s",
                     "started": "2026-11-30T10:00:00Z", "finished": "2026-11-30T10:00:05Z"}""".formatted(JOB_ID, JOB_ERROR));
            job.executeUpdate();
        }
    }

    private static String firstMigration() {
        try (InputStream in = PreviousReleaseDatabase.class.getClassLoader().getResourceAsStream(V1)) {
            if (in == null) {
                throw new IllegalStateException(V1 + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
