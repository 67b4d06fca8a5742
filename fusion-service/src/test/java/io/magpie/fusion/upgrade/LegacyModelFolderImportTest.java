package io.magpie.fusion.upgrade;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A service started over the model folder used before the registry: its versions (with their numbers) and its
 * active pointer are imported into PostgreSQL, a folder that is not a version is skipped, and the folder is renamed
 * aside, so the registry is the one source of truth. The registry's tables are those of a database that the release
 * before schema migrations laid out ({@link PreviousRelease}).
 */
@QuarkusTest
@TestProfile(PreviousRelease.class)
class LegacyModelFolderImportTest {

    static final Path FOLDER =
            Path.of("target", "legacy-models-" + ProcessHandle.current().pid());

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
