package io.magpie.fusion.upgrade;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service upgrades a database of the release before schema migrations ({@link PreviousReleaseDatabase}): Flyway
 * records it as version 1 instead of making it again, and what that release stored is served, added to and deleted. (A fresh
 * database getting every table from the migrations alone is what every other test of this module starts from.)
 */
@QuarkusTest
@TestProfile(PreviousRelease.class)
class SchemaUpgradeTest {

    @Inject
    Pool pool;

    @Test
    void theSchemaIsRecordedAsVersionOneAndNothingIsMadeAgain() {
        List<Row> history = new ArrayList<>();
        pool.query("SELECT version, type, success FROM fusion.flyway_schema_history ORDER BY installed_rank")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(30))
                .forEach(history::add);
        assertEquals("1", history.get(0).getString("version"));
        assertEquals("BASELINE", history.get(0).getString("type"));
        for (Row later : history.subList(1, history.size())) {
            // a migration added after V1 runs on the upgraded database; V1 itself never does
            assertEquals("SQL", later.getString("type"));
            assertTrue(
                    Integer.parseInt(later.getString("version")) > 1,
                    later.toJson().encode());
            assertTrue(later.getBoolean("success"), later.toJson().encode());
        }
    }

    @Test
    void whatThePreviousReleaseStoredIsServedAndAddedTo() {
        String event = """
                {"eventId": "%s", "type": "purchase", "userId": "%s", "productId": "%s", "timestamp": "%s"}""";
        // the old event id still guards against a replay
        given().contentType(ContentType.JSON)
                .body("["
                        + event.formatted(
                                PreviousReleaseDatabase.EVENT_ID,
                                PreviousReleaseDatabase.USER,
                                PreviousReleaseDatabase.PRODUCT,
                                Instant.now().minusSeconds(60))
                        + "]")
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("duplicates", equalTo(1));
        // a new event lands beside the old one in the old partitioned table
        given().contentType(ContentType.JSON)
                .body("["
                        + event.formatted(
                                "e-after-upgrade",
                                PreviousReleaseDatabase.USER,
                                "p-after-upgrade",
                                Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS))
                        + "]")
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        given().get("/v1/users/{id}/profile", PreviousReleaseDatabase.USER)
                .then()
                .statusCode(200)
                .body("purchased", contains("p-after-upgrade", PreviousReleaseDatabase.PRODUCT));
        given().header("Authorization", "Bearer test-admin-key")
                .get("/v1/admin/collaborative/jobs/{id}", PreviousReleaseDatabase.JOB_ID)
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("error", equalTo(PreviousReleaseDatabase.JOB_ERROR));
        // a privacy deletion reaches the old rows: both events and the session linked before the upgrade
        given().header("Authorization", "Bearer test-admin-key")
                .delete("/v1/admin/users/{id}/events", PreviousReleaseDatabase.USER)
                .then()
                .statusCode(200)
                .body("deletedEvents", equalTo(2))
                .body("unlinkedSessions", equalTo(1));
    }
}
