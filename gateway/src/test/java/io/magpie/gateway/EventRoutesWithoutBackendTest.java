package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With fusion-service down (the %test profile points it at a closed port) events are a 503 problem, not a 500. */
@QuarkusTest
class EventRoutesWithoutBackendTest {

    @Test
    void eventsAreServiceUnavailableAndSayARepeatIsSafe() {
        given().contentType("application/json")
                .body("[]")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("title", equalTo("Service unavailable"));
        given().contentType("application/json")
                .body("{\"sessionId\":\"s\",\"userId\":\"u\"}")
                .when()
                .post("/api/v1/events/identify")
                .then()
                .statusCode(503);
    }

    @Test
    void deletingAUsersEventsNeedsTheAdminKey() {
        given().when().delete("/api/v1/admin/users/u1/events").then().statusCode(401);
        given().header("Authorization", "Bearer test-admin-key")
                .when()
                .delete("/api/v1/admin/users/u1/events")
                .then()
                .statusCode(503);
    }
}
