package io.magpie.encoder.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.encoder.EncodeResponse;
import io.magpie.api.problem.Problem;
import io.magpie.encoder.model.ClsVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Versions found in the model directory, listed, activated without a restart while requests run, and the
 * version they replace closed. Version 2 is MiniLM's weights with CLS pooling, so its vectors differ.
 */
@QuarkusTest
@TestProfile(ModelVersionsTest.WithModelDirectory.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelVersionsTest {

    private static final String ADMIN = "Bearer test-admin-key";
    private static final String MODEL = "all-minilm-l6-v2";

    public static class WithModelDirectory implements QuarkusTestProfile {
        static final Path MODELS;

        static {
            try {
                MODELS = Files.createTempDirectory("magpie-models");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Versions of the small built-in model, served as the default: the mechanics do not depend on the model.
            return Map.of(
                    "magpie.encoder.model-dir",
                    MODELS.toString(),
                    "magpie.encoder.model",
                    MODEL,
                    "magpie.encoder.load",
                    MODEL);
        }
    }

    @BeforeEach
    void ready() throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not ready after 3 minutes");
            Thread.sleep(200);
        }
    }

    @Test
    @Order(1)
    void everyBuiltInModelIsListedWithHowItReadsTexts() {
        String bge = "models.find { it.name == 'bge-small-en-v1.5' }.versions[0].";
        given().get("/v1/models")
                .then()
                .statusCode(200)
                .body(bge + "builtIn", equalTo(true))
                .body(bge + "loaded", equalTo(false))
                .body(bge + "pooling", equalTo("cls"))
                .body(bge + "maxTokens", equalTo(512))
                .body(bge + "queryPrefix", equalTo("Represent this sentence for searching relevant passages: "))
                .body(bge + "documentPrefix", equalTo(""))
                .body("models.find { it.name == '" + MODEL + "' }.versions[0].pooling", equalTo("mean"));
    }

    @Test
    @Order(1)
    void aVersionWrittenToTheDirectoryIsListedWithoutARestart() throws IOException {
        given().get("/v1/models")
                .then()
                .statusCode(200)
                .body("models.find { it.name == '" + MODEL + "' }.activeVersion", equalTo("1"))
                .body("models.find { it.name == '" + MODEL + "' }.versions.size()", equalTo(1));

        ClsVersion.write(WithModelDirectory.MODELS, "2");
        // Half-written versions (no descriptor yet, or a temporary name) are not versions.
        Files.createDirectories(WithModelDirectory.MODELS.resolve(MODEL).resolve("3"));
        Files.createDirectories(WithModelDirectory.MODELS.resolve(MODEL).resolve(".tmp-4"));

        given().get("/v1/models/" + MODEL)
                .then()
                .statusCode(200)
                .body("activeVersion", equalTo("1"))
                .body("versions.version", equalTo(List.of("1", "2")))
                .body("versions[0].builtIn", equalTo(true))
                .body("versions[0].loaded", equalTo(true))
                .body("versions[0].active", equalTo(true))
                .body("versions[0].dim", equalTo(384))
                .body("versions[0].pooling", equalTo("mean"))
                .body("versions[1].loaded", equalTo(false))
                .body("versions[1].dim", equalTo(384))
                .body("versions[1].pooling", equalTo("cls"))
                .body("versions[1].base", equalTo(MODEL + "@1"))
                .body("versions[1].training.note", equalTo("cls pooling, for the test"));
    }

    @Test
    @Order(2)
    void activationNeedsAnAdminKeyAndAKnownVersion() {
        given().contentType(ContentType.JSON)
                .body(Map.of("version", "2"))
                .put("/v1/admin/models/" + MODEL + "/active")
                .then()
                .statusCode(401);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("version", "9"))
                .put("/v1/admin/models/" + MODEL + "/active")
                .then()
                .statusCode(404)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("detail", containsString("'9'"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .put("/v1/admin/models/" + MODEL + "/active")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("version")));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("version", "1"))
                .put("/v1/admin/models/no-such-model/active")
                .then()
                .statusCode(404);
        // Version 2 exists but is not loaded: a request naming it is refused, naming the field.
        given().contentType(ContentType.JSON)
                .body(Map.of("model", MODEL + "@2", "texts", List.of("hose")))
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("model")))
                .body("detail", containsString("not loaded"));
        given().contentType(ContentType.JSON)
                .body(Map.of("model", MODEL + "@7", "texts", List.of("hose")))
                .post("/v1/encode")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown version"));
    }

    @Test
    @Order(3)
    void activatingAVersionSwapsItInWhileRequestsRunAndClosesTheOldOne() throws Exception {
        float[] before = encode(MODEL, "garden hose").vectors().get(0);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService callers = Executors.newFixedThreadPool(6);
        List<Future<List<String>>> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(callers.submit(() -> {
                List<String> versions = new ArrayList<>();
                while (!stop.get()) {
                    Response response = given().contentType(ContentType.JSON)
                            .body(Map.of("model", MODEL, "texts", List.of("garden hose", "a long garden hose reel")))
                            .post("/v1/encode");
                    assertEquals(200, response.statusCode(), response.asString());
                    versions.add(response.path("version"));
                }
                return versions;
            }));
        }
        Thread.sleep(500);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("version", "2"))
                .put("/v1/admin/models/" + MODEL + "/active")
                .then()
                .statusCode(200)
                .body("activeVersion", equalTo("2"));
        Thread.sleep(500);
        stop.set(true);
        List<String> versions = new ArrayList<>();
        for (Future<List<String>> caller : seen) {
            versions.addAll(caller.get()); // rethrows any non-200
        }
        callers.shutdown();

        assertTrue(versions.contains("1") && versions.contains("2"), "versions seen: " + versions);
        EncodeResponse after = encode(MODEL, "garden hose");
        assertEquals("2", after.version());
        double cosine = dot(before, after.vectors().get(0));
        assertTrue(cosine < 0.999, "CLS pooling should change the vector; cosine " + cosine);
        assertEquals(
                "2",
                Files.readString(WithModelDirectory.MODELS.resolve(MODEL).resolve("ACTIVE"))
                        .trim());
        // The replaced version is no longer loaded.
        given().get("/v1/models/" + MODEL)
                .then()
                .body("versions.find { it.version == '1' }.loaded", equalTo(false))
                .body("versions.find { it.version == '2' }.active", equalTo(true));
        given().contentType(ContentType.JSON)
                .body(Map.of("model", MODEL + "@1", "texts", List.of("hose")))
                .post("/v1/encode")
                .then()
                .statusCode(400);
    }

    @Test
    @Order(4)
    void aVersionCanBeLoadedBesideTheActiveOneAndUnloaded() {
        given().header("Authorization", ADMIN)
                .post("/v1/admin/models/" + MODEL + "/versions/1/load")
                .then()
                .statusCode(200)
                .body("activeVersion", equalTo("2"));
        EncodeResponse pinned = encode(MODEL + "@1", "garden hose");
        assertEquals("1", pinned.version());
        assertEquals("2", encode(MODEL, "garden hose").version());
        given().header("Authorization", ADMIN)
                .delete("/v1/admin/models/" + MODEL + "/versions/2/load")
                .then()
                .statusCode(409);
        given().header("Authorization", ADMIN)
                .delete("/v1/admin/models/" + MODEL + "/versions/1/load")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("model", MODEL + "@1", "texts", List.of("hose")))
                .post("/v1/encode")
                .then()
                .statusCode(400);
        // Back to the built-in version, as other tests expect.
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("version", "1"))
                .put("/v1/admin/models/" + MODEL + "/active")
                .then()
                .statusCode(200);
    }

    private static EncodeResponse encode(String model, String text) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("model", model, "texts", List.of(text)))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .extract()
                .as(EncodeResponse.class);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
