package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries the request id its log lines carry (io.magpie.api.logging.RequestIdFilter): the caller's
 * X-Request-Id when it is a plain token, else a fresh one.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void answersTheCallersRequestIdOrAFreshOne() {
        given().header("X-Request-Id", "gw-42.a:b")
                .when()
                .get("/v1/reindex")
                .then()
                .statusCode(200)
                .header("X-Request-Id", equalTo("gw-42.a:b"));
        given().header("X-Request-Id", "not a token")
                .when()
                .get("/v1/reindex")
                .then()
                .header("X-Request-Id", matchesPattern(UUID));
        given().when().get("/v1/products/indexing").then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
    }
}
