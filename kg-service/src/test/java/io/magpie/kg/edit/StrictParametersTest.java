package io.magpie.kg.edit;

import static io.magpie.kg.edit.Admin.asAdmin;
import static io.magpie.kg.edit.Admin.unique;
import static org.hamcrest.Matchers.equalTo;

import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Query and path parameters parse strictly: {@code dryRun=1} was read as false and performed a real import, a
 * non-numeric id answered 404, a huge page number overflowed into a 500. Each is a 400 naming the parameter.
 */
@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class StrictParametersTest {

    @Test
    void aDryRunThatIsNotTrueOrFalseIsRefusedAndImportsNothing() {
        String brand = "Brand:" + unique("NotImported");
        asAdmin()
                .queryParam("dryRun", "1")
                .contentType("text/csv")
                .body("ref,country\n" + brand + ",FR\n")
                .when()
                .post("/v1/admin/graph/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("dryRun"));
        asAdmin()
                .queryParam("ref", brand)
                .when()
                .get("/v1/admin/graph/nodes")
                .then()
                .statusCode(404);
    }

    @Test
    void auditPagingAndIdsThatAreNotNumbersOrOverflowAreRefusedNamingTheParameter() {
        asAdmin()
                .queryParam("page", Integer.MAX_VALUE)
                .queryParam("size", 100)
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"));
        asAdmin()
                .queryParam("page", "first")
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
        asAdmin()
                .queryParam("size", "ten")
                .when()
                .get("/v1/admin/graph/audit")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("size"));
        asAdmin()
                .when()
                .get("/v1/admin/graph/audit/abc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }
}
