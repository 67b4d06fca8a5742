package io.magpie.kg.restart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * kg-service keeps answering across a Neo4j crash: while the server is down, reads and edits are 503 problem+json
 * with Retry-After (never a 500, nothing written), and once it is started again on the same port and data, graph
 * reads and an admin edit succeed with what was committed before the crash. Same resources as the other graph
 * tests, so no extra application start.
 */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class Neo4jRestartTest {

    private static final String ADMIN = "Bearer test-admin-key";

    @Test
    void readsAndEditsAnswerAgainAfterNeo4jIsKilledAndRestarted() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String main = "Product:main-" + s;
        String holder = "Product:holder-" + s;
        String cheap = "Product:cheap-" + s;
        for (String product : List.of(main, holder, cheap)) {
            createNode(product).statusCode(201);
        }
        createRelation("ACCESSORY_OF", holder, main).statusCode(201);
        complements("main-" + s).statusCode(200).body("items.id", equalTo(List.of("holder-" + s)));

        Neo4jTestResource neo4j = Neo4jTestResource.running();
        neo4j.killServer();

        unavailable(complements("main-" + s));
        unavailable(createRelation("SUBSTITUTE_FOR", cheap, main));

        neo4j.restartServer();
        long back = System.nanoTime();
        // what was committed before the crash is there; the edit refused while it was down is not
        awaitStatus(200, () -> given().when().get("/v1/products/{id}/complements", "main-" + s))
                .then()
                .body("items.id", equalTo(List.of("holder-" + s)));
        awaitStatus(200, () -> given().when().get("/v1/products/{id}/substitutes", "main-" + s))
                .then()
                .body("items.id", not(org.hamcrest.Matchers.hasItem("cheap-" + s)));
        awaitStatus(201, () -> asAdmin(Map.of("type", "SUBSTITUTE_FOR", "from", cheap, "to", main), "relations"));
        System.out.printf(
                "kg-service read and edited again %.1f s after Neo4j was back%n", (System.nanoTime() - back) / 1e9);
        given().when()
                .get("/v1/products/{id}/substitutes", "main-" + s)
                .then()
                .statusCode(200)
                .body("items[0].id", equalTo("cheap-" + s));
    }

    private static void unavailable(ValidatableResponse answer) {
        answer.statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("title", equalTo("Graph store unavailable"));
    }

    private static ValidatableResponse complements(String id) {
        return given().when().get("/v1/products/{id}/complements", id).then();
    }

    private static ValidatableResponse createNode(String ref) {
        return asAdmin(Map.of("ref", ref, "properties", Map.of("title", ref)), "nodes")
                .then();
    }

    private static ValidatableResponse createRelation(String type, String from, String to) {
        return asAdmin(Map.of("type", type, "from", from, "to", to), "relations")
                .then();
    }

    private static Response asAdmin(Map<String, Object> body, String what) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/admin/graph/" + what);
    }

    /**
     * Calls until the answer has {@code status}; the driver finds its pooled connections dead and opens new ones.
     * A minute bounds a test that would otherwise wait forever, not how fast it must be.
     */
    private static Response awaitStatus(int status, Supplier<Response> call) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Response last = call.get();
        while (last.statusCode() != status && System.nanoTime() < deadline) {
            if (last.statusCode() != 503) {
                throw new AssertionError("expected " + status + " or a 503 while reconnecting, got " + last.statusCode()
                        + ": " + last.asString());
            }
            sleep();
            last = call.get();
        }
        if (last.statusCode() != status) {
            throw new AssertionError(
                    "still " + last.statusCode() + " a minute after Neo4j was back: " + last.asString());
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
