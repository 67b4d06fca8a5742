package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.magpie.api.catalog.IngestResult;
import io.magpie.api.problem.Problem;
import io.magpie.retrieval.store.MilvusConnection;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.QueryResp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class ProductIngestTest {

    @Inject
    MilvusConnection milvus;

    @Test
    void storesValidLinesAndRefusesBadOnesWithTheirLineNumbers() {
        String bad = String.join("\n",
                "",                                                           // 22: blank, skipped
                "{\"id\": \"X-1\", \"title\": \"Broken",                      // 23: not JSON
                "{\"title\": \"No id at all\"}",                               // 24
                "{\"id\": \"   \", \"title\": \"Blank id\"}",                  // 25
                "{\"id\": \"X-2\", \"title\": \"\"}",                          // 26
                "{\"id\": \"X-3\", \"title\": \"Refund\", \"price\": -4.5}",   // 27
                "{\"id\": \"" + "A".repeat(129) + "\", \"title\": \"Long\"}", // 28
                "{\"id\": \"X-4\", \"title\": \"Price\", \"price\": \"cheap\"}", // 29
                "[\"an\", \"array\"]");                                       // 30
        String body = Catalogue.ndjson() + bad + "\n";

        IngestResult result = given().contentType(Catalogue.NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/products")
                .then().statusCode(200)
                .extract().as(IngestResult.class);
        Catalogue.markIngested();

        assertEquals(Catalogue.SIZE, result.accepted());
        assertEquals(8, result.rejected());
        assertEquals(List.of("23 $", "24 id", "25 id", "26 title", "27 price", "28 id", "29 price", "30 $"),
                result.errors().stream().map(e -> e.line() + " " + e.field()).toList());
        assertThat(result.errors().get(5).message(), containsString("128"));
        // refused lines left nothing behind
        given().queryParam("ids", "X-1", "X-2", "X-3", "X-4")
                .when().get("/v1/products")
                .then().statusCode(200).body("$", empty());
    }

    @Test
    void returnsProductsInTheOrderAskedLeavingOutUnknownIds() {
        Catalogue.ensureIngested();
        given().queryParam("ids", Catalogue.SKILLET, "NO-SUCH-ID", Catalogue.BOUNTY, Catalogue.CAFE_DU_MONDE,
                        Catalogue.SKILLET)
                .when().get("/v1/products")
                .then().statusCode(200)
                .body("id", contains(Catalogue.SKILLET, Catalogue.BOUNTY, Catalogue.CAFE_DU_MONDE))
                .body("[1].title", equalTo("Bounty Quick-Size Paper Towels, White, 12 Family Rolls"))
                .body("[1].brand", equalTo("Bounty"))
                .body("[1].category", contains("Health & Household", "Household Supplies", "Paper & Plastic",
                        "Paper Towels"))
                .body("[1].bulletPoints", hasSize(2))
                .body("[1].price", equalTo(31.99f))
                .body("[1].ratingCount", equalTo(52310))
                .body("[1].imageUrl", equalTo("https://images.example.com/B07PT1Q8ZV.jpg"))
                .body("[1].color", nullValue())
                .body("[2].title", containsString("«Nouvelle-Orléans» 咖啡"));
    }

    @Test
    void answersEmptyListForNoIdsAndRefusesTooMany() {
        given().when().get("/v1/products").then().statusCode(200).body("$", empty());

        List<String> ids = java.util.stream.IntStream.range(0, 201).mapToObj(i -> "ID-" + i).toList();
        given().queryParam("ids", ids.toArray())
                .when().get("/v1/products")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("ids"));
    }

    @Test
    void refusesAnEmptyBody() {
        given().contentType(Catalogue.NDJSON).body(new byte[0])
                .when().post("/v1/products")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("detail", containsString("no product lines"));
        given().contentType(Catalogue.NDJSON).body("\n  \n\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/products")
                .then().statusCode(400);
    }

    @Test
    void reIngestUpdatesTheProductEverywhereWithoutDuplicates() {
        String id = "TEST-REINGEST-1";
        String first = "{\"id\":\"" + id + "\",\"title\":\"Melnor Garden Hose Nozzle, 8 Patterns\",\"price\":12.5}";
        String second = "{\"id\":\"" + id + "\",\"title\":\"Melnor Metal Garden Hose Nozzle, 10 Patterns\","
                + "\"brand\":\"Melnor\",\"price\":14.0}";
        ingest(first);
        // twice in one body and once more: the last line of a body wins, and nothing is duplicated
        ingest(first + "\n" + second + "\n");
        ingest(second);

        given().queryParam("ids", id, id)
                .when().get("/v1/products")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].title", equalTo("Melnor Metal Garden Hose Nozzle, 10 Patterns"))
                .body("[0].price", equalTo(14.0f));

        QueryResp rows = milvus.client().query(QueryReq.builder()
                .collectionName("product_text")
                .filter("id == \"" + id + "\"")
                .outputFields(List.of("id", "text", "brand", "price"))
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build());
        assertEquals(1, rows.getQueryResults().size());
        var row = rows.getQueryResults().get(0).getEntity();
        assertEquals("Melnor Metal Garden Hose Nozzle, 10 Patterns. Melnor", row.get("text"));
        assertEquals("Melnor", row.get("brand"));
        assertEquals(14.0, ((Number) row.get("price")).doubleValue());
    }

    @Test
    void indexesEveryCatalogueProductOnceInMilvus() {
        Catalogue.ensureIngested();
        List<Object> ids = Catalogue.ndjson().lines()
                .map(line -> line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\",")))
                .collect(Collectors.toList());
        QueryResp rows = milvus.client().query(QueryReq.builder()
                .collectionName("product_text")
                .ids(ids)
                .outputFields(List.of("id"))
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build());
        assertEquals(Catalogue.SIZE, rows.getQueryResults().size());
    }

    @Test
    void reSendingAnUnchangedCatalogueEncodesAndIndexesNothing() {
        Catalogue.ensureIngested();
        double before = indexedTotal();

        given().contentType(Catalogue.NDJSON).body(Catalogue.ndjson().getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/products")
                .then().statusCode(200)
                .body("accepted", equalTo(Catalogue.SIZE));

        assertEquals(before, indexedTotal());

        String product = "{\"id\":\"TEST-UNCHANGED-1\",\"title\":\"OXO Good Grips Salad Spinner\",\"price\":29.95}";
        ingest(product);
        assertEquals(before + 1, indexedTotal());
        ingest(product);
        assertEquals(before + 1, indexedTotal());
        ingest(product.replace("29.95", "27.5"));
        assertEquals(before + 2, indexedTotal());
    }

    /** Products encoded and indexed so far, from the service's metrics. */
    private static double indexedTotal() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("magpie_ingest_indexed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static void ingest(String ndjson) {
        given().contentType(Catalogue.NDJSON).body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/products")
                .then().statusCode(200)
                .body("rejected", equalTo(0));
    }
}
