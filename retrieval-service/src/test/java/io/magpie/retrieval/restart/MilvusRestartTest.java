package io.magpie.retrieval.restart;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After the Milvus server is killed and started again, its collections come back unloaded (milvus-lite; Milvus
 * after a full restart too): search must reload them and answer again within seconds. It answered 503 for as long
 * as one waited, logging "Can't get the number of an unknown enum value" on every call.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = RestartableMilvusResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class MilvusRestartTest {

    private static final String ADMIN = "Bearer test-admin-key";

    @Test
    void searchRecoversWithinSecondsAfterTheMilvusServerRestarts() throws Exception {
        given().header("Authorization", ADMIN)
                .contentType("application/x-ndjson")
                .body(("{\"id\":\"RESTART-1\",\"title\":\"Stainless steel water bottle\"}\n"
                                + "{\"id\":\"RESTART-2\",\"title\":\"Glass water bottle with sleeve\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200);
        awaitFound(Duration.ofMinutes(3));

        RestartableMilvusResource.killAndRestart();

        long started = System.nanoTime();
        awaitFound(Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("search answered again %.1f s after milvus-lite was back%n", seconds);
        assertTrue(seconds < 30, "recovered only after " + seconds + " s");
    }

    /** Until a lexical search finds the bottles. */
    private static void awaitFound(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Response response = given().contentType(ContentType.JSON)
                    .body(Map.of("query", "water bottle", "k", 5))
                    .when()
                    .post("/v1/candidates/lexical");
            last = response.statusCode() + " " + response.asString();
            if (response.statusCode() == 200
                    && response.jsonPath().getList("candidates").size() == 2) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("search did not answer within " + within + "; last answer: " + last);
    }
}
