package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.magpie.api.problem.Problem;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Flags parse strictly: {@code atomic=1} was read as false, a non-atomic ingest the caller meant to be atomic. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class StrictAtomicFlagTest {

    @Test
    void anAtomicFlagThatIsNotTrueOrFalseIsRefusedAndStoresNothing() {
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .queryParam("atomic", "1")
                .body("{\"id\":\"ATOMIC-ONE\",\"title\":\"Mug\"}\n".getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("atomic"));
        given().queryParam("ids", "ATOMIC-ONE")
                .when()
                .get("/v1/products")
                .then()
                .body("$", empty());
    }
}
