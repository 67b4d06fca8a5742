package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.FusionServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The gateway's collaborative training job routes against a real fusion-service (packaged jar, own PostgreSQL, no
 * events stored): a start is relayed and answered 202 with the gateway's own Location, the job is followed there to
 * its end (failed: nothing to train on), and bad values and missing keys are refused.
 */
@QuarkusTest
@QuarkusTestResource(
        value = FusionServiceTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "magpie.fusion.collaborative.retrieval-admin-key", value = "unused-key"))
class CollaborativeJobRoutesTest {

    private static final String ADMIN = "Bearer " + FusionServiceTestResource.ADMIN_KEY;
    private static final String JOBS = "/api/v1/admin/collaborative/jobs";

    @Test
    void aJobIsStartedAndFollowedThroughTheGateway() throws InterruptedException {
        Response started = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"epochs\":2}")
                .when()
                .post(JOBS);
        started.then().statusCode(202).body("state", equalTo("queued"));
        String id = started.jsonPath().getString("id");
        String location = URI.create(started.getHeader("Location")).getPath();
        assertEquals(JOBS + "/" + id, location);

        JsonPath job =
                given().header("Authorization", ADMIN).when().get(location).jsonPath();
        while (!job.getString("state").equals("failed")
                && !job.getString("state").equals("succeeded")) {
            Thread.sleep(200);
            job = given().header("Authorization", ADMIN).when().get(location).jsonPath();
        }
        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").contains("no shopper has two or more items"), job.prettify());
    }

    @Test
    void badValuesUnknownJobsAndCallersWithoutTheAdminKeyAreRefused() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post(JOBS)
                .then()
                .statusCode(401);
        given().when().get(JOBS + "/any").then().statusCode(401);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"dimension\":0,\"contextWindow\":99}")
                .when()
                .post(JOBS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("dimension", "contextWindow"));
        given().header("Authorization", ADMIN)
                .when()
                .get(JOBS + "/no-such-job")
                .then()
                .statusCode(404)
                .body("detail", containsString("no-such-job"));
    }
}
