package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.catalog.IngestResult;
import io.magpie.api.problem.Problem;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines the catalogue cannot store or the graph would refuse are input errors naming line and field: NUL and other
 * control characters, lone surrogates, titles over 4,000 characters, category paths over 16 levels. They were a
 * 503 (PostgreSQL refused the batch) or were stored and then blocked the outbox forever.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class UnstorableProductLineTest {

    @Test
    void controlCharactersAndLoneSurrogatesAreRefusedNamingLineAndField() {
        String body = "{\"id\":\"CTRL-1\",\"title\":\"Paper\\u0000Towels\"}\n"
                + "{\"id\":\"CTRL-2\",\"title\":\"Towels\",\"description\":\"half \\ud800 a character\"}\n"
                + "{\"id\":\"CTRL-3\",\"title\":\"Towels\",\"bulletPoints\":[\"ok\",\"bell \\u0007\"]}\n"
                + "{\"id\":\"CTRL-4\",\"title\":\"Towels\",\"description\":\"tabs\\tand\\nnew lines are text\"}\n";
        IngestResult result = ingest(body, false).statusCode(200).extract().as(IngestResult.class);

        assertEquals(
                List.of("1 title", "2 description", "3 bulletPoints[1]"),
                result.errors().stream().map(e -> e.line() + " " + e.field()).toList());
        assertEquals(1, result.accepted());
        given().queryParam("ids", "CTRL-4").when().get("/v1/products").then().body("$", hasSize(1));
    }

    @Test
    void atomicIngestStoresNothingWhenALineAfterTheFirstBatchIsUnstorable() {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            body.append("{\"id\":\"ATOMIC-NUL-")
                    .append(i)
                    .append("\",\"title\":\"Mug ")
                    .append(i)
                    .append("\"}\n");
        }
        body.append("{\"id\":\"ATOMIC-NUL-301\",\"title\":\"Mug\",\"brand\":\"Nul\\u0000Brand\"}\n");

        ingest(body.toString(), true)
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("nothing was stored"))
                .body("errors[0].line", equalTo(301))
                .body("errors[0].field", equalTo("brand"));
        given().queryParam("ids", "ATOMIC-NUL-1")
                .queryParam("ids", "ATOMIC-NUL-300")
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void productsTheGraphWouldRefuseAreRefusedAtIngest() {
        String longTitle = "t".repeat(4_001);
        String deep = "[" + "\"level\",".repeat(16) + "\"level\"]";
        String body = "{\"id\":\"POISON-1\",\"title\":\"" + longTitle + "\"}\n"
                + "{\"id\":\"POISON-2\",\"title\":\"Deep\",\"category\":" + deep + "}\n"
                + "{\"id\":\"POISON-3\",\"title\":\"Fine\",\"category\":[\"A\",\"B\"]}\n";
        IngestResult result = ingest(body, false).statusCode(200).extract().as(IngestResult.class);

        assertEquals(
                List.of("1 title", "2 category"),
                result.errors().stream().map(e -> e.line() + " " + e.field()).toList());
        assertEquals(1, result.accepted());
    }

    private static io.restassured.response.ValidatableResponse ingest(String body, boolean atomic) {
        return given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .queryParam("atomic", atomic)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then();
    }
}
