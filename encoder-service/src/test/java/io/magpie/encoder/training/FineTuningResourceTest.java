package io.magpie.encoder.training;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.problem.Problem;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fine-tuning job through its admin API: bad requests are refused with a problem naming the field, a real
 * job trains the served MiniLM, writes a new version with its metadata and checkpoints, and the service then
 * serves that version.
 */
@QuarkusTest
@TestProfile(FineTuningResourceTest.WithFolders.class)
class FineTuningResourceTest {

    private static final String ADMIN = "Bearer test-admin-key";
    private static final String JOBS = "/v1/admin/fine-tuning/jobs";
    private static final String MODEL = "all-minilm-l6-v2";

    public static class WithFolders implements QuarkusTestProfile {
        static final Path ROOT;

        static {
            try {
                ROOT = Files.createTempDirectory("magpie-fine-tuning");
                Files.createDirectories(ROOT.resolve("pairs"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "magpie.encoder.model-dir",
                    ROOT.resolve("models").toString(),
                    "magpie.encoder.fine-tuning.work-dir",
                    ROOT.resolve("work").toString(),
                    "magpie.encoder.fine-tuning.pairs-dir",
                    ROOT.resolve("pairs").toString(),
                    "magpie.encoder.fine-tuning.keep-checkpoints",
                    "1",
                    "magpie.encoder.fine-tuning.threads",
                    "1",
                    // SharedAcrossReplicasTest waits for a replica to follow an activation
                    "magpie.encoder.active-refresh-interval",
                    "1s",
                    // jobs fine-tune the small built-in model; serving it alone keeps the test's start short
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
    void badRequestsAreRefusedNamingTheProblem() throws IOException {
        Path versions = WithFolders.ROOT.resolve("models").resolve(MODEL);
        List<String> before = Files.exists(versions) ? listNames(versions) : List.of();
        given().contentType(ContentType.JSON)
                .body(job(MODEL, null, pairs(4), Map.of()))
                .post(JOBS)
                .then()
                .statusCode(401);
        refused(job(null, null, pairs(4), Map.of()), 400, "baseModel");
        refused(job(MODEL, null, List.of(pair("a", "b"), pair(" ", "d")), Map.of()), 400, "pairs[1].query");
        refused(job(MODEL, null, List.of(pair("a", "b"), Map.of("query", "c")), Map.of()), 400, "pairs[1].document");
        refused(job(MODEL, null, pairs(1), Map.of()), 400, "pairs");
        refused(job(MODEL, null, List.of(), Map.of()), 400, "pairs");
        refused(job(MODEL, null, pairs(4), Map.of("epochs", 0)), 400, "settings.epochs");
        refused(job(MODEL, null, pairs(4), Map.of("batchSize", 1)), 400, "settings.batchSize");
        refused(job(MODEL, null, pairs(4), Map.of("learningRate", -1)), 400, "settings.learningRate");
        refused(job(MODEL, "has space", pairs(4), Map.of()), 400, "newVersion");
        refused(job("not a model!", null, pairs(4), Map.of()), 400, "baseModel");

        Map<String, Object> both = job(MODEL, null, pairs(4), Map.of());
        both.put("pairsFile", "pairs.ndjson");
        refused(both, 400, "pairs");
        Map<String, Object> escape = job(MODEL, null, null, Map.of());
        escape.put("pairsFile", "../models/x");
        refused(escape, 400, "pairsFile");
        Files.writeString(
                WithFolders.ROOT.resolve("pairs").resolve("broken.ndjson"),
                "{\"query\":\"a\",\"document\":\"b\"}\n{\"query\":\"c\"}\n");
        Map<String, Object> broken = job(MODEL, null, null, Map.of());
        broken.put("pairsFile", "broken.ndjson");
        refused(broken, 400, "pairsFile line 2.document");

        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(job("no-such-model", null, pairs(4), Map.of()))
                .post(JOBS)
                .then()
                .statusCode(404)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("detail", containsString("no-such-model"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(job(MODEL + "@1", "1", pairs(4), Map.of()))
                .post(JOBS)
                .then()
                .statusCode(409)
                .contentType(startsWith(Problem.MEDIA_TYPE));
        given().header("Authorization", ADMIN).get(JOBS + "/no-such-job").then().statusCode(404);
        // No refused request left anything behind.
        assertEquals(before, Files.exists(versions) ? listNames(versions) : List.of(), "nothing written");
    }

    @Test
    void aJobTrainsANewVersionThatTheServiceThenServes() throws Exception {
        String version = "ft-test-" + System.nanoTime();
        Response accepted = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(job(
                        MODEL,
                        version,
                        pairs(24),
                        Map.of(
                                "epochs",
                                1,
                                "batchSize",
                                4,
                                "maxTokens",
                                16,
                                "checkpointEvery",
                                2,
                                "learningRate",
                                5e-5)))
                .post(JOBS);
        accepted.then()
                .statusCode(202)
                .header("Location", containsString(JOBS + "/"))
                .body("baseModel", equalTo(MODEL + "@1"))
                .body("newModel", equalTo(MODEL + "@" + version))
                .body("pairs", equalTo(24))
                .body("settings.batchSize", equalTo(4))
                .body("settings.temperature", equalTo(0.05f));
        String id = accepted.path("id");

        // One job at a time.
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(job(MODEL, version + "-b", pairs(4), Map.of()))
                .post(JOBS)
                .then()
                .statusCode(409)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("detail", containsString(id));

        Response done = awaitFinished(id);
        assertEquals("succeeded", done.path("state"), () -> "job: " + done.asString());
        assertEquals(6, (int) done.path("progress.step"));
        assertEquals(6, (int) done.path("progress.totalSteps"));
        assertTrue(((Number) done.path("finalLoss")).doubleValue() > 0);

        Path folder = WithFolders.ROOT.resolve("models").resolve(MODEL).resolve(version);
        assertTrue(Files.isRegularFile(folder.resolve("magpie-model.json")));
        assertTrue(listNames(folder.getParent()).stream().noneMatch(n -> n.startsWith(".")), "no staging folder left");
        // Checkpoints at steps 2 and 4 (none at the end: the version is the end); only the newest is kept.
        assertEquals(
                List.of("step-4"), listNames(WithFolders.ROOT.resolve("work").resolve(id)));

        given().get("/v1/models/" + MODEL)
                .then()
                .statusCode(200)
                .body("activeVersion", equalTo("1"))
                .body("versions.find { it.version == '" + version + "' }.base", equalTo(MODEL + "@1"))
                .body("versions.find { it.version == '" + version + "' }.training.steps", equalTo(6))
                .body("versions.find { it.version == '" + version + "' }.training.data.pairs", equalTo(24))
                .body(
                        "versions.find { it.version == '" + version + "' }.training.hyperparameters.batchSize",
                        equalTo(4));

        given().header("Authorization", ADMIN)
                .post("/v1/admin/models/" + MODEL + "/versions/" + version + "/load")
                .then()
                .statusCode(200);
        List<Float> tuned = given().contentType(ContentType.JSON)
                .body(Map.of("model", MODEL + "@" + version, "kind", "query", "texts", List.of("query 3")))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .body("version", equalTo(version))
                .extract()
                .path("vectors[0]");
        List<Float> original = given().contentType(ContentType.JSON)
                .body(Map.of("model", MODEL + "@1", "kind", "query", "texts", List.of("query 3")))
                .post("/v1/encode")
                .then()
                .statusCode(200)
                .extract()
                .path("vectors[0]");
        assertEquals(original.size(), tuned.size());
        assertTrue(!original.equals(tuned), "the fine-tuned version gives other vectors");
        given().header("Authorization", ADMIN)
                .delete("/v1/admin/models/" + MODEL + "/versions/" + version + "/load")
                .then()
                .statusCode(200);
    }

    private static Response awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (true) {
            Response job = given().header("Authorization", ADMIN).get(JOBS + "/" + id);
            job.then().statusCode(200);
            String state = job.path("state");
            if (state.equals("succeeded") || state.equals("failed")) {
                return job;
            }
            assertTrue(System.nanoTime() < deadline, "job not finished after 10 minutes: " + job.asString());
            Thread.sleep(500);
        }
    }

    private static void refused(Map<String, Object> body, int status, String field) {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .post(JOBS)
                .then()
                .statusCode(status)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("errors.field", equalTo(List.of(field)));
    }

    private static Map<String, Object> job(String base, String version, List<?> pairs, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>();
        body.put("baseModel", base);
        body.put("newVersion", version);
        body.put("pairs", pairs);
        body.put("settings", settings);
        return body;
    }

    /** Distinct made-up products, so every other pair of a batch is a true negative. */
    private static List<Map<String, String>> pairs(int n) {
        List<Map<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(pair("query " + i, "product number " + i + " of colour " + (i * 7 % 11)));
        }
        return pairs;
    }

    private static Map<String, String> pair(String query, String document) {
        Map<String, String> pair = new HashMap<>();
        pair.put("query", query);
        pair.put("document", document);
        return pair;
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
