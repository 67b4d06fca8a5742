package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's admin routes (delete, indexing lag, reindex) are guarded by the admin key and relay to
 * retrieval-service; with retrieval-service down (the %test profile points it at a closed port) a call with the key
 * is a 503 problem, not a 500.
 */
@QuarkusTest
class AdminCatalogueRoutesTest {

    private static final String ADMIN = "Bearer test-admin-key";

    @Test
    void everyCatalogueAdminRouteNeedsTheAdminKey() {
        given().when().delete("/api/v1/admin/products/p1").then().statusCode(401);
        given().contentType("application/json")
                .body("{\"ids\":[\"p1\"]}")
                .when()
                .post("/api/v1/admin/products/deletions")
                .then()
                .statusCode(401);
        given().when().get("/api/v1/admin/products/indexing").then().statusCode(401);
        given().when().post("/api/v1/admin/reindex").then().statusCode(401);
        given().when().get("/api/v1/admin/reindex").then().statusCode(401);
        given().when().get("/api/v1/admin/products/dead-letters").then().statusCode(401);
        given().when()
                .post("/api/v1/admin/products/dead-letters/p1/retry")
                .then()
                .statusCode(401);
        given().when().delete("/api/v1/admin/products/dead-letters/p1").then().statusCode(401);
    }

    @Test
    void anAtomicFlagThatIsNotTrueOrFalseIsRefusedBeforeAnythingIsRelayed() {
        given().header("Authorization", ADMIN)
                .contentType("application/x-ndjson")
                .queryParam("atomic", "1")
                .body("{\"id\":\"p1\",\"title\":\"Mug\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post("/api/v1/admin/products")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("atomic"));
    }

    @Test
    void withTheCatalogueDownTheyAreServiceUnavailable() {
        given().header("Authorization", ADMIN)
                .when()
                .delete("/api/v1/admin/products/p1")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("title", equalTo("Service unavailable"));
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{\"ids\":[\"p1\"]}")
                .when()
                .post("/api/v1/admin/products/deletions")
                .then()
                .statusCode(503);
        given().header("Authorization", ADMIN)
                .when()
                .get("/api/v1/admin/products/indexing")
                .then()
                .statusCode(503);
        given().header("Authorization", ADMIN)
                .when()
                .post("/api/v1/admin/reindex")
                .then()
                .statusCode(503);
        given().header("Authorization", ADMIN)
                .when()
                .get("/api/v1/admin/products/dead-letters")
                .then()
                .statusCode(503);
        given().header("Authorization", ADMIN)
                .when()
                .post("/api/v1/admin/products/dead-letters/p1/retry")
                .then()
                .statusCode(503);
        given().header("Authorization", ADMIN)
                .when()
                .delete("/api/v1/admin/products/dead-letters/p1")
                .then()
                .statusCode(503);
    }
}
