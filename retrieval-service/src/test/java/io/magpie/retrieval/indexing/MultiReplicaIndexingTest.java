package io.magpie.retrieval.indexing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.catalog.ReindexStatus;
import io.magpie.retrieval.client.DocumentEncoder;
import io.magpie.retrieval.client.GraphSync;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.EventLoopRunner;
import io.magpie.retrieval.store.IndexedProduct;
import io.magpie.retrieval.store.OutboxRepository;
import io.magpie.retrieval.store.ProductEntity;
import io.magpie.retrieval.store.ProductRepository;
import io.magpie.retrieval.store.ProductTextCollection;
import io.magpie.retrieval.store.ReindexStateRepository;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Indexing as several replicas of retrieval-service do it, against the real PostgreSQL, Milvus and encoder of the
 * test resources. Two outbox workers drain one outbox: each row is delivered by one worker only and never by both at
 * once, rows a dead worker claimed are taken over when its lease runs out, changes committed while they run all
 * arrive, and a delivery never replaces a newer version in Milvus by an older one. The reindex state is shared:
 * while another replica reindexes, this one refuses a second reindex, reports the other's progress and delivers to
 * the other's new collection too.
 */
@QuarkusTest
@TestProfile(MultiReplicaIndexingTest.TwoWorkers.class)
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class MultiReplicaIndexingTest {

    /**
     * The application's own worker off (the test runs two of its own); small batches, so they interleave; a lease
     * shorter than a batch's delivery on a busy machine, so only its renewal keeps the other worker off a batch.
     */
    public static class TwoWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "magpie.retrieval.indexing.enabled", "false",
                    "magpie.retrieval.indexing.batch-size", "20",
                    "magpie.retrieval.indexing.poll-interval", "200ms",
                    "magpie.retrieval.indexing.min-backoff", "100ms",
                    "magpie.retrieval.indexing.claim-lease", "5s");
        }
    }

    private static final String ADMIN = "Bearer test-admin-key";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    OutboxRepository outbox;

    @Inject
    ProductRepository products;

    @Inject
    DocumentEncoder encoder;

    @Inject
    ProductTextCollection collection;

    @Inject
    GraphSync graph;

    @Inject
    EventLoopRunner eventLoop;

    @Inject
    ReindexStateRepository reindexState;

    @Inject
    RetrievalConfig config;

    /** Products being delivered right now, by worker: a second worker delivering one of them is a violation. */
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();

    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    /** An IndexDelivery of its own per worker (as in two processes), recording what it delivered. */
    private final class RecordingDelivery extends IndexDelivery {
        final String name;
        final Queue<String> delivered = new ConcurrentLinkedQueue<>();

        RecordingDelivery(String name) {
            super(products, encoder, collection, graph, eventLoop, reindexState, config);
            this.name = name;
        }

        @Override
        public void deliver(Collection<String> ids) {
            for (String id : ids) {
                String other = inFlight.putIfAbsent(id, name);
                if (other != null) {
                    violations.add(id + " delivered by " + name + " while " + other + " delivered it");
                }
            }
            try {
                super.deliver(ids);
                delivered.addAll(ids);
            } finally {
                ids.forEach(id -> inFlight.remove(id, name));
            }
        }
    }

    @Test
    void twoWorkersDeliverEveryChangeOnceAndNeverTheSameAtOnce() {
        List<String> ids = IntStream.range(0, 200)
                .mapToObj(i -> String.format("MW-%03d", i))
                .toList();
        ingest(ids, "Stainless steel water bottle");
        // a worker that died holding the 20 oldest rows: they wait until its lease runs out
        List<String> orphaned =
                eventLoop.await(() -> outbox.claim("dead-replica", 20, Duration.ofSeconds(3)), TIMEOUT).stream()
                        .map(e -> e.productId())
                        .toList();
        assertEquals(20, orphaned.size());

        RecordingDelivery first = new RecordingDelivery("first");
        RecordingDelivery second = new RecordingDelivery("second");
        OutboxWorker a = new OutboxWorker(outbox, first, eventLoop, config, new SimpleMeterRegistry());
        OutboxWorker b = new OutboxWorker(outbox, second, eventLoop, config, new SimpleMeterRegistry());
        a.start();
        b.start();
        try {
            awaitDrained();
            List<String> all = new ArrayList<>(first.delivered);
            all.addAll(second.delivered);
            Map<String, Long> times = all.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertEquals(ids.size(), times.size(), "every product delivered");
            assertEquals(
                    Map.of(),
                    times.entrySet().stream()
                            .filter(e -> e.getValue() > 1)
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    "products delivered more than once");
            assertTrue(
                    !first.delivered.isEmpty() && !second.delivered.isEmpty(),
                    "both workers delivered: " + first.delivered.size() + " and " + second.delivered.size());

            // changes and deletions committed while both workers run all reach Milvus
            ingest(ids.subList(0, 60), "Insulated steel water bottle, 750 ml");
            ingest(ids.subList(30, 90), "Insulated steel water bottle, 1 l");
            deleteAll(ids.subList(180, 200));
            awaitDrained();
            assertEquals(catalogueVersions(ids), collection.versions(collection.alias(), ids));
            assertEquals(List.of(), List.copyOf(violations), "deliveries of one product by both workers at once");
        } finally {
            a.stop();
            b.stop();
        }

        // a newer version already in Milvus (written by another replica) is not replaced by an older state
        String id = ids.get(100);
        float[] vector = new float[config.milvus().dimension()];
        vector[0] = 1;
        IndexedProduct newer = new IndexedProduct(
                eventLoop
                        .await(() -> products.current(List.of(id)), TIMEOUT)
                        .get(0)
                        .toProduct(),
                vector,
                true,
                99);
        collection.upsert(collection.alias(), List.of(newer));
        first.deliver(List.of(id));
        assertEquals(Map.of(id, 99L), collection.versions(collection.alias(), List.of(id)));
    }

    @Test
    void aReindexOfAnotherReplicaIsSeenRespectedAndFedHere() {
        String elsewhere = "product_text_built_elsewhere";
        collection.ensureReady();
        if (collection.exists(elsewhere)) {
            collection.drop(elsewhere);
        }
        collection.create(elsewhere);
        ReindexStatus copying = new ReindexStatus("COPYING", elsewhere, 10, 40, 5, Instant.now(), null, null);
        assertTrue(
                eventLoop
                        .await(() -> reindexState.tryStart("other-replica", copying, Duration.ofMinutes(10)), TIMEOUT)
                        .taken(),
                "no reindex ran before");
        OutboxWorker worker =
                new OutboxWorker(outbox, new RecordingDelivery("this"), eventLoop, config, new SimpleMeterRegistry());
        worker.start();
        try {
            given().header("Authorization", ADMIN)
                    .when()
                    .post("/v1/reindex")
                    .then()
                    .statusCode(409);
            given().when()
                    .get("/v1/reindex")
                    .then()
                    .statusCode(200)
                    .body("phase", equalTo("COPYING"))
                    .body("collection", equalTo(elsewhere))
                    .body("done", equalTo(10));

            // a change delivered here reaches the collection the other replica builds
            ingest(List.of("SRS-1"), "Cast iron skillet");
            awaitDrained();
            assertEquals(Map.of("SRS-1", 1L), collection.versions(elsewhere, List.of("SRS-1")));
            assertEquals(Map.of("SRS-1", 1L), collection.versions(collection.alias(), List.of("SRS-1")));
        } finally {
            worker.stop();
            ReindexStatus failed =
                    new ReindexStatus("FAILED", elsewhere, 10, 40, 5, copying.startedAt(), Instant.now(), "test over");
            eventLoop.await(() -> reindexState.record("other-replica", failed), TIMEOUT);
            collection.drop(elsewhere);
        }

        // the other one is over: this replica may reindex, and does
        given().header("Authorization", ADMIN).when().post("/v1/reindex").then().statusCode(202);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String phase;
        do {
            pause();
            phase = given().get("/v1/reindex").then().extract().path("phase");
        } while (!"DONE".equals(phase) && !"FAILED".equals(phase) && System.nanoTime() < deadline);
        assertEquals("DONE", phase);
    }

    private void ingest(List<String> ids, String title) {
        String body = ids.stream()
                .map(id -> "{\"id\":\"" + id + "\",\"title\":\"" + title + " " + id + "\",\"brand\":\"Hydro\"}\n")
                .collect(Collectors.joining());
        given().header("Authorization", ADMIN)
                .contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200);
    }

    private void deleteAll(List<String> ids) {
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(Map.of("ids", ids))
                .when()
                .post("/v1/products/deletions")
                .then()
                .statusCode(200);
    }

    /** Live products and their versions in PostgreSQL (what Milvus must hold once the outbox is empty). */
    private Map<String, Long> catalogueVersions(List<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        for (ProductEntity row : eventLoop.await(() -> products.current(ids), TIMEOUT)) {
            if (!row.deleted()) {
                versions.put(row.id(), row.version());
            }
        }
        return versions;
    }

    private void awaitDrained() {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (eventLoop.await(outbox::backlog, TIMEOUT).pending() > 0 || !inFlight.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox did not drain within 4 minutes");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
