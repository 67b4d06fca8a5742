package io.magpie.encoder.training;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.JobState;
import io.magpie.api.encoder.FineTuningJob;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.config.FineTuningConfig;
import io.magpie.encoder.model.ClsVersion;
import io.magpie.encoder.service.MicroBatcher;
import io.magpie.encoder.service.ModelRegistry;
import io.magpie.encoder.store.FineTuningJobFiles;
import io.magpie.encoder.store.JobLockFile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two encoder replicas on one model directory: the service under test and a second replica's job runner and
 * registry in the same process (a second JVM would load PyTorch and the model again, for nothing the shared files
 * do not already show). A job started on one is seen from the other and blocks a job there; a replica stopped
 * mid-job records it as interrupted; a lock left by a stopped replica is taken over; an activation on one is
 * followed by the other. No job trains to its end: what replicas share is the record and the lock.
 */
@QuarkusTest
@TestProfile(FineTuningResourceTest.WithFolders.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedAcrossReplicasTest {

    private static final String ADMIN = "Bearer test-admin-key";
    private static final String JOBS = "/v1/admin/fine-tuning/jobs";
    private static final String MODEL = ClsVersion.BASE.name();
    /** A second version of the served model, for activations. */
    private static final String SECOND = "cls-2";

    private static final String OTHER_REPLICA = "second-replica";
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @Inject
    FineTuningConfig fineTuningConfig;

    @Inject
    EncoderConfig encoderConfig;

    @Inject
    BaseModels baseModels;

    @Inject
    FineTuningRequestValidator validator;

    @Inject
    MicroBatcher batcher;

    @BeforeEach
    void ready() {
        await("ready", () -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    @Order(1)
    void aJobStartedOnOneReplicaIsSeenFromTheOtherAndBlocksJobsThere() throws Exception {
        FineTuningJobs other = otherReplica();
        String id;
        try {
            id = other.submit(request("ft-test-other-" + System.nanoTime())).id();
            given().header("Authorization", ADMIN)
                    .get(JOBS + "/" + id)
                    .then()
                    .statusCode(200)
                    .body("replica", equalTo(OTHER_REPLICA))
                    .body("state", oneOf("queued", "running"));
            given().header("Authorization", ADMIN)
                    .get(JOBS)
                    .then()
                    .statusCode(200)
                    .body("id", hasItem(id));
            given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body(jobBody("ft-test-refused"))
                    .post(JOBS)
                    .then()
                    .statusCode(409)
                    .body("detail", containsString(id));
        } finally {
            other.close(); // the replica stops mid-job: it records the job as interrupted and frees the lock
        }
        FineTuningJob stopped = other.get(id);
        assertEquals(JobState.FAILED, stopped.state());
        given().header("Authorization", ADMIN)
                .get(JOBS + "/" + id)
                .then()
                .body("state", equalTo("failed"))
                .body("error", equalTo(stopped.error()))
                .body("error", containsString("interrupted"));
        assertTrue(lock().holder().isEmpty(), "lock freed");
    }

    @Test
    @Order(2)
    void aLockLeftByAStoppedReplicaIsTakenOverAndItsJobShownFailed() throws Exception {
        FineTuningJobFiles files = new FineTuningJobFiles(baseModels.modelDir());
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        String lost = "lost-job-" + System.nanoTime();
        files.write(new FineTuningJob(
                lost,
                JobState.RUNNING,
                MODEL + "@1",
                MODEL + "@lost",
                4,
                null,
                null,
                null,
                longAgo,
                longAgo,
                null,
                null,
                "stopped-replica"));
        lock().tryAcquire(new JobLockFile.Holder(lost, "stopped-replica", longAgo));

        // Shown failed at once (its lock is stale), though only a takeover rewrites its record.
        given().header("Authorization", ADMIN)
                .get(JOBS + "/" + lost)
                .then()
                .statusCode(200)
                .body("state", equalTo("failed"))
                .body("error", containsString("replica stopped"));
        assertEquals(JobState.RUNNING, files.read(lost).orElseThrow().state());

        FineTuningJobs other = otherReplica();
        try {
            String id = other.submit(request("ft-test-takeover-" + System.nanoTime()))
                    .id();
            assertEquals(id, lock().holder().orElseThrow().jobId());
            FineTuningJob record = files.read(lost).orElseThrow();
            assertEquals(JobState.FAILED, record.state());
            assertTrue(record.error().contains("replica stopped"), record.error());
        } finally {
            other.close();
        }
        assertTrue(lock().holder().isEmpty(), "lock freed");
    }

    @Test
    @Order(3)
    void anActivationOnOneReplicaIsFollowedByTheOther() throws Exception {
        Path models = baseModels.modelDir();
        if (Files.notExists(models.resolve(MODEL).resolve(SECOND))) {
            ClsVersion.write(models, SECOND);
        }
        ModelRegistry other = new ModelRegistry(encoderConfig, batcher);
        try {
            other.startLoading();
            await("the other replica to load", other::isReady);

            other.activate(MODEL, SECOND);
            await(
                    "this replica to follow",
                    () -> SECOND.equals(given().get("/v1/models/" + MODEL).path("activeVersion")));

            // Back to the built-in version, as the other tests of this profile expect.
            given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body(Map.of("version", "1"))
                    .put("/v1/admin/models/" + MODEL + "/active")
                    .then()
                    .statusCode(200);
            await(
                    "the other replica to follow",
                    () -> "1".equals(other.info(MODEL).activeVersion()));
        } finally {
            other.close();
        }
    }

    private FineTuningJobs otherReplica() {
        return new FineTuningJobs(fineTuningConfig, encoderConfig, baseModels, validator, OTHER_REPLICA);
    }

    private JobLockFile lock() {
        return new JobLockFile(new FineTuningJobFiles(baseModels.modelDir()).dir());
    }

    /** A small job on the small model; each test stops it before it trains much. */
    private static FineTuningRequest request(String version) {
        List<FineTuningRequest.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pairs.add(new FineTuningRequest.Pair("query " + i, "product number " + i));
        }
        return new FineTuningRequest(
                MODEL,
                version,
                pairs,
                null,
                null,
                new FineTuningRequest.Settings(1, 4, null, null, null, null, 8, null, null));
    }

    /** The same job as JSON, for the API of the service under test. */
    private static Map<String, Object> jobBody(String version) {
        FineTuningRequest request = request(version);
        Map<String, Object> body = new HashMap<>();
        body.put("baseModel", request.baseModel());
        body.put("newVersion", request.newVersion());
        body.put(
                "pairs",
                request.pairs().stream()
                        .map(p -> Map.of("query", p.query(), "document", p.document()))
                        .toList());
        body.put("settings", Map.of("epochs", 1, "batchSize", 4, "maxTokens", 8));
        return body;
    }

    private static void await(String what, Supplier<Boolean> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!done.get()) {
            assertTrue(Instant.now().isBefore(deadline), "waited " + PATIENCE + " for " + what);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
