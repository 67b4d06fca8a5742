package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The gateway's graph routes with kg-service really unreachable (see the test profile): admin graph routes refuse
 * callers without an admin key before anything is relayed; with one, and for the public related-product reads,
 * the call is relayed and the unreachable service answers 503. The relayed success path runs in the local stack's
 * end-to-end test (infra/local/e2e-test.sh).
 */
@QuarkusTest
class GraphRoutesWithoutBackendTest {

    @Test
    void adminGraphRoutesNeedAnAdminKey() {
        given().contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/admin/graph/relations")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer test-eval-key")
                .when()
                .get("/api/v1/admin/graph/audit")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer test-eval-key")
                .contentType("text/csv")
                .body("ref\nBrand:x\n")
                .when()
                .post("/api/v1/admin/graph/import")
                .then()
                .statusCode(403);
    }

    @Test
    void withAnAdminKeyTheCallIsRelayed() {
        given().header("Authorization", "Bearer test-admin-key")
                .queryParam("ref", "Product:x")
                .when()
                .get("/api/v1/admin/graph/nodes")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("knowledge graph"));
        given().header("Authorization", "Bearer test-admin-key")
                .header("If-Match", "\"1\"")
                .queryParam("ref", "Product:x")
                .when()
                .delete("/api/v1/admin/graph/nodes")
                .then()
                .statusCode(503);
    }

    @Test
    void complementsAndSubstitutesArePublic() {
        given().when()
                .get("/api/v1/products/{id}/complements", "B000123")
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        given().when()
                .get("/api/v1/products/{id}/substitutes", "B000123")
                .then()
                .statusCode(503);
    }
}
