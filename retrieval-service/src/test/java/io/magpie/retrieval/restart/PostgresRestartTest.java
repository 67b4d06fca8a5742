package io.magpie.retrieval.restart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.StoreRecovery;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Product ingest across a PostgreSQL crash: a batch sent while the catalogue database is down is a 503 that says when
 * to retry (it answered 503 without Retry-After, so clients could not tell a restart from a permanent refusal), and
 * once the server is back on the same port and data the same batch is stored. Same resources as most retrieval tests,
 * so no extra application start.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class PostgresRestartTest {

    private static final String ADMIN = "Bearer test-admin-key";
    private static final String PRODUCTS = "{\"id\":\"PG-RESTART-1\",\"title\":\"Enamel camping mug\"}\n";

    @Test
    void ingestIsRefusedWithRetryAfterWhileDownAndStoredOnceTheDatabaseIsBack() {
        PostgresTestResource postgres = PostgresTestResource.running();
        postgres.killServer();
        try {
            ingest().then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        } finally {
            postgres.restartServer();
        }
        Response stored = StoreRecovery.awaitAnswered(PostgresRestartTest::ingest);
        stored.then().body("accepted", equalTo(1));
        given().queryParam("ids", "PG-RESTART-1")
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("[0].title", containsString("camping mug"));
    }

    private static Response ingest() {
        return given().header("Authorization", ADMIN)
                .contentType("application/x-ndjson")
                .body(PRODUCTS.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products");
    }
}
