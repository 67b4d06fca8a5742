package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, defect 1: a search that no candidate source could answer is a 503 that says when to retry, never an
 * empty 200 that reads as "nothing matches". Every backend is down in this profile (their ports are closed).
 */
@QuarkusTest
class SearchUnavailableTest {

    @Test
    void noSourceAnsweringIsA503WithRetryAfter() {
        given().queryParam("q", "towels")
                .when()
                .get("/api/v1/search")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("no candidate source answered"));
    }
}
