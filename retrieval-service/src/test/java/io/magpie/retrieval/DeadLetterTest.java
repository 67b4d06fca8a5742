package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.retrieval.store.ProductTextCollection;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.FreePort;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One product the graph refuses no longer holds up the outbox: the rest of its batch and every later change are
 * indexed, and after max-attempts it becomes a dead letter, named in the indexing status and listed for an admin to
 * retry or discard.
 */
@QuarkusTest
@TestProfile(DeadLetterTest.GraphRefusesSomeProducts.class)
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class DeadLetterTest {

    /** Graph sync on, to {@link RefusingKnowledgeGraph} on this application's own port; quick retries. */
    public static class GraphRefusesSomeProducts implements QuarkusTestProfile {

        private static final int PORT = FreePort.pick();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-port",
                    String.valueOf(PORT),
                    "quarkus.rest-client.kg.url",
                    "http://127.0.0.1:" + PORT,
                    "magpie.retrieval.graph-sync.enabled",
                    "true",
                    "magpie.retrieval.indexing.min-backoff",
                    "100ms",
                    "magpie.retrieval.indexing.max-backoff",
                    "200ms");
        }
    }

    /** magpie.retrieval.indexing.max-attempts by default. */
    static final int MAX_ATTEMPTS = 5;

    @Inject
    ProductTextCollection collection;

    @Test
    void anUndeliverableProductBecomesADeadLetterAndTheRestIsIndexed() {
        ingest("{\"id\":\"DL-POISON\",\"title\":\"Mug " + RefusingKnowledgeGraph.REFUSED_MARK + "\"}\n"
                + "{\"id\":\"DL-GOOD-1\",\"title\":\"Enamel camping mug\"}\n");
        awaitNothingPending();
        ingest("{\"id\":\"DL-GOOD-2\",\"title\":\"Insulated travel mug\"}\n");
        awaitNothingPending();

        assertEquals(
                Map.of("DL-GOOD-1", 1L, "DL-GOOD-2", 1L),
                collection.versions(collection.alias(), List.of("DL-POISON", "DL-GOOD-1", "DL-GOOD-2")));
        JsonPath status = given().get("/v1/products/indexing")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, status.getInt("deadLetters"));
        assertTrue(
                status.getString("lastError") == null
                        || status.getString("lastError").contains("DL-POISON"),
                status.getString("lastError"));

        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .get("/v1/products/dead-letters")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].productId", equalTo("DL-POISON"))
                .body("[0].attempts", equalTo(MAX_ATTEMPTS))
                .body("[0].version", equalTo(1))
                .body("[0].lastError", containsString("400"));
        given().when().get("/v1/products/dead-letters").then().statusCode(401);

        // retry: back in the queue, refused again until its attempts run out
        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .post("/v1/products/dead-letters/DL-POISON/retry")
                .then()
                .statusCode(204);
        awaitNothingPending();
        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .get("/v1/products/dead-letters")
                .then()
                .body("[0].productId", equalTo("DL-POISON"))
                .body("[0].attempts", equalTo(MAX_ATTEMPTS));

        // a fixed product is a new change: delivered afresh
        ingest("{\"id\":\"DL-POISON\",\"title\":\"Mug, now acceptable\"}\n");
        awaitNothingPending();
        assertEquals(Map.of("DL-POISON", 2L), collection.versions(collection.alias(), List.of("DL-POISON")));
        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .get("/v1/products/dead-letters")
                .then()
                .body("$", hasSize(0));
    }

    @Test
    void aDeadLetterCanBeDiscarded() {
        ingest("{\"id\":\"DL-DISCARD\",\"title\":\"Bowl " + RefusingKnowledgeGraph.REFUSED_MARK + "\"}\n");
        awaitNothingPending();
        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .delete("/v1/products/dead-letters/DL-DISCARD")
                .then()
                .statusCode(204);
        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .delete("/v1/products/dead-letters/DL-DISCARD")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .get("/v1/products/dead-letters")
                .then()
                .body("productId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("DL-DISCARD")));
    }

    private static void ingest(String ndjson) {
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200);
    }

    /** Until the queue is empty; before dead letters, one undeliverable product kept it from ever emptying. */
    private static void awaitNothingPending() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (given().get("/v1/products/indexing")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("pending")
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox did not drain within 90 s: "
                        + given().get("/v1/products/indexing").asString());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
