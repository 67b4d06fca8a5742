package io.magpie.fusion.upgrade;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ActiveModelPointer;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.trees.LambdaMartTrainer;
import io.magpie.fusion.ranking.trees.RankingGroup;
import io.magpie.fusion.ranking.trees.TrainedTrees;
import io.magpie.fusion.ranking.trees.TreeParameters;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The service started where an installation of an earlier release left off ({@link PreviousRelease}), in one class so
 * that it starts once:
 * <ul>
 *   <li>a database of the release before schema migrations ({@link PreviousReleaseDatabase}): Flyway records it as
 *   version 1 instead of making it again, and what that release stored is served, added to and deleted (a fresh
 *   database getting every table from the migrations alone is what every other test of this module starts from);</li>
 *   <li>the model folder used before the registry: its versions (with their numbers) and its active pointer are
 *   imported into the registry's tables of that database, a folder that is not a version is skipped, and the folder
 *   is renamed aside, so the registry is the one source of truth.</li>
 * </ul>
 */
@QuarkusTest
@TestProfile(PreviousRelease.class)
class PreviousReleaseUpgradeTest {

    static final Path FOLDER =
            Path.of("target", "legacy-models-" + ProcessHandle.current().pid());

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

    @Test
    void versionsAndTheActivePointerAreImportedAndTheFolderIsRetired() {
        given().header("Authorization", "Bearer test-admin-key")
                .when()
                .get("/v1/admin/models")
                .then()
                .statusCode(200)
                .body("models.model", contains("lambdamart@3"))
                .body("models[0].note", equalTo("made before the registry"))
                .body("active", equalTo("lambdamart@3"))
                .body("activations.action", contains("import"))
                .body("activations[0].activatedBy", equalTo("key:0123456789ab"));
        given().contentType("application/json")
                .body("""
                        {"lists": [{"source": "dense", "candidates": [{"id": "a", "score": 0.9}, {"id": "b", "score": 0.1}]},
                                   {"source": "lexical", "candidates": [{"id": "b", "score": 7.0}]}],
                         "size": 2, "context": {"text": "a query"}}""")
                .when()
                .post("/v1/fuse")
                .then()
                .statusCode(200)
                .body("model", equalTo("lambdamart@3"));
        assertFalse(Files.exists(FOLDER));
        assertTrue(Files.isDirectory(FOLDER.resolveSibling(FOLDER.getFileName() + ".imported")));
    }

    /** lambdamart/3 (a real model of the serving schema), a hand-named folder, and active.json naming version 3. */
    static void writeOldFolder() {
        if (Files.exists(FOLDER)) {
            return;
        }
        int features = FeatureExtractor.SCHEMA.flatSize();
        Random random = new Random(5);
        List<RankingGroup> groups = new ArrayList<>();
        for (int g = 0; g < 8; g++) {
            float[][] rows = new float[10][features];
            float[] labels = new float[10];
            for (int i = 0; i < rows.length; i++) {
                rows[i][0] = random.nextFloat();
                labels[i] = rows[i][0] > 0.7f ? 1 : 0;
            }
            labels[0] = 1;
            groups.add(new RankingGroup("q" + g, rows, labels));
        }
        TrainedTrees trees =
                new LambdaMartTrainer(1).train(groups, features, new TreeParameters(3, 0.3, 0, 1, 1, 1, 5, 2, 1));
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try {
            Path version = Files.createDirectories(FOLDER.resolve("lambdamart").resolve("3"));
            Files.write(version.resolve("model.ubj"), trees.ranker().bytes());
            json.writeValue(
                    version.resolve("descriptor.json").toFile(),
                    new ModelDescriptor(
                            "lambdamart",
                            "3",
                            ModelDescriptor.LAMBDAMART,
                            FeatureExtractor.SCHEMA,
                            Instant.parse("2026-12-01T10:00:00Z"),
                            Map.of("maxDepth", 3),
                            Map.of("rounds", 5.0),
                            "made before the registry"));
            Path handNamed =
                    Files.createDirectories(FOLDER.resolve("lambdamart").resolve("corrupt"));
            Files.writeString(handNamed.resolve("descriptor.json"), "{}");
            json.writeValue(
                    FOLDER.resolve("active.json").toFile(),
                    new ActiveModelPointer("lambdamart@3", Instant.now(), "key:0123456789ab"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            trees.ranker().close();
        }
    }
}
