package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
        String bad = String.join(
                "\n",
                "", // 22: blank, skipped
                "{\"id\": \"X-1\", \"title\": \"Broken", // 23: not JSON
                "{\"title\": \"No id at all\"}", // 24
                "{\"id\": \"   \", \"title\": \"Blank id\"}", // 25
                "{\"id\": \"X-2\", \"title\": \"\"}", // 26
                "{\"id\": \"X-3\", \"title\": \"Refund\", \"price\": -4.5}", // 27
                "{\"id\": \"" + "A".repeat(129) + "\", \"title\": \"Long\"}", // 28
                "{\"id\": \"X-4\", \"title\": \"Price\", \"price\": \"cheap\"}", // 29
                "[\"an\", \"array\"]"); // 30
        String body = Catalogue.ndjson() + bad + "\n";

        IngestResult result = given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .as(IngestResult.class);
        Catalogue.awaitIndexed();
        Catalogue.markIngested();

        assertEquals(Catalogue.SIZE, result.accepted());
        assertEquals(8, result.rejected());
        assertEquals(
                List.of("23 $", "24 id", "25 id", "26 title", "27 price", "28 id", "29 price", "30 $"),
                result.errors().stream().map(e -> e.line() + " " + e.field()).toList());
        assertThat(result.errors().get(5).message(), containsString("128"));
        // refused lines left nothing behind
        given().queryParam("ids", "X-1", "X-2", "X-3", "X-4")
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void returnsProductsInTheOrderAskedLeavingOutUnknownIds() {
        Catalogue.ensureIngested();
        given().queryParam(
                        "ids",
                        Catalogue.SKILLET,
                        "NO-SUCH-ID",
                        Catalogue.BOUNTY,
                        Catalogue.CAFE_DU_MONDE,
                        Catalogue.SKILLET)
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("id", contains(Catalogue.SKILLET, Catalogue.BOUNTY, Catalogue.CAFE_DU_MONDE))
                .body("[1].title", equalTo("Bounty Quick-Size Paper Towels, White, 12 Family Rolls"))
                .body("[1].brand", equalTo("Bounty"))
                .body(
                        "[1].category",
                        contains("Health & Household", "Household Supplies", "Paper & Plastic", "Paper Towels"))
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

        // More ids than magpie.retrieval.catalog.max-ids-per-get (1000): too long for a query string, so through the
        // lookup that takes them in a body (the gateway's hydration of every source's candidates).
        List<String> ids = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> "ID-" + i)
                .toList();
        given().contentType(ContentType.JSON)
                .body(Map.of("ids", ids))
                .when()
                .post("/v1/products/lookup")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("ids"));
        given().contentType(ContentType.JSON)
                .body(Map.of("ids", ids.subList(0, 1000)))
                .when()
                .post("/v1/products/lookup")
                .then()
                .statusCode(200);
    }

    @Test
    void refusesAnEmptyBody() {
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(new byte[0])
                .when()
                .post("/v1/products")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("detail", containsString("no product lines"));
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body("\n  \n\n".getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(400);
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
        Catalogue.awaitIndexed();

        given().queryParam("ids", id, id)
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].title", equalTo("Melnor Metal Garden Hose Nozzle, 10 Patterns"))
                .body("[0].price", equalTo(14.0f))
                .body("[0].version", equalTo(2));

        QueryResp rows = milvus.client()
                .query(QueryReq.builder()
                        .collectionName("product_text")
                        .filter("id == \"" + id + "\"")
                        .outputFields(List.of("id", "text", "brand", "price", "version"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build());
        assertEquals(1, rows.getQueryResults().size());
        var row = rows.getQueryResults().get(0).getEntity();
        assertEquals("Melnor Metal Garden Hose Nozzle, 10 Patterns. Melnor", row.get("text"));
        assertEquals("Melnor", row.get("brand"));
        assertEquals(14.0, ((Number) row.get("price")).doubleValue());
        assertEquals(2L, ((Number) row.get("version")).longValue());
    }

    @Test
    void indexesEveryCatalogueProductOnceInMilvus() {
        Catalogue.ensureIngested();
        List<Object> ids = Catalogue.ndjson()
                .lines()
                .map(line -> line.substring(line.indexOf("\"id\":\"") + 6, line.indexOf("\",")))
                .collect(Collectors.toList());
        QueryResp rows = milvus.client()
                .query(QueryReq.builder()
                        .collectionName("product_text")
                        .ids(ids)
                        .outputFields(List.of("id"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build());
        assertEquals(Catalogue.SIZE, rows.getQueryResults().size());
    }

    @Test
    void reSendingAnUnchangedCatalogueChangesNoVersionAndQueuesNothing() {
        Catalogue.ensureIngested();

        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(Catalogue.ndjson().getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(Catalogue.SIZE))
                .body("changed", equalTo(0));

        String product = "{\"id\":\"TEST-UNCHANGED-1\",\"title\":\"OXO Good Grips Salad Spinner\",\"price\":29.95}";
        assertEquals(1, ingest(product).changed());
        assertEquals(0, ingest(product).changed());
        assertEquals(1, ingest(product.replace("29.95", "27.5")).changed());
        given().queryParam("ids", "TEST-UNCHANGED-1")
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("[0].version", equalTo(2));
    }

    @Test
    void storesTheFullProductModelAndSetsUpdatedAtAndVersionItself() {
        ingest("{\"id\":\"TEST-MODEL-1\",\"title\":\"Patagonia Better Sweater\",\"brand\":\"Patagonia\","
                + "\"attributes\":{\"material\":[\"polyester\",\"fleece\"],\"fit\":[\"regular\"]},"
                + "\"price\":139,\"currency\":\"EUR\",\"inStock\":false,\"version\":99,"
                + "\"updatedAt\":\"2001-01-01T00:00:00Z\"}");
        given().queryParam("ids", "TEST-MODEL-1")
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .body("[0].attributes.material", contains("polyester", "fleece"))
                .body("[0].attributes.fit", contains("regular"))
                .body("[0].currency", equalTo("EUR"))
                .body("[0].inStock", equalTo(false))
                .body("[0].version", equalTo(1))
                .body("[0].updatedAt", org.hamcrest.Matchers.startsWith("20"))
                .body("[0].updatedAt", org.hamcrest.Matchers.not(org.hamcrest.Matchers.startsWith("2001")));
        Catalogue.awaitIndexed();
        QueryResp rows = milvus.client()
                .query(QueryReq.builder()
                        .collectionName("product_text")
                        .ids(List.of("TEST-MODEL-1"))
                        .outputFields(List.of("in_stock", "text"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build());
        assertEquals(false, rows.getQueryResults().get(0).getEntity().get("in_stock"));
        assertThat((String) rows.getQueryResults().get(0).getEntity().get("text"), containsString("fleece"));
    }

    @Test
    void refusesBadCurrenciesAndAttributesNamingTheField() {
        String body = "{\"id\":\"TEST-BAD-1\",\"title\":\"A\",\"currency\":\"euro\"}\n"
                + "{\"id\":\"TEST-BAD-2\",\"title\":\"B\",\"attributes\":{\"size\":[]}}\n"
                + "{\"id\":\"TEST-BAD-3\",\"title\":\"C\",\"attributes\":{\"size\":\"L\"}}\n";
        IngestResult result = given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .as(IngestResult.class);
        assertEquals(
                List.of("1 currency", "2 attributes.size", "3 attributes.size"),
                result.errors().stream().map(e -> e.line() + " " + e.field()).toList());
    }

    @Test
    void atomicIngestStoresNothingWhenOneLineIsBad() {
        String body = "{\"id\":\"TEST-ATOMIC-1\",\"title\":\"Lodge Dutch Oven\"}\n"
                + "{\"id\":\"TEST-ATOMIC-2\",\"title\":\"\"}\n";
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .queryParam("atomic", true)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("nothing was stored"))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("title"));
        given().queryParam("ids", "TEST-ATOMIC-1")
                .when()
                .get("/v1/products")
                .then()
                .body("$", empty());

        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .queryParam("atomic", true)
                .body(body.replace("\"title\":\"\"", "\"title\":\"Lodge Skillet\"")
                        .getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2));
        given().queryParam("ids", "TEST-ATOMIC-1", "TEST-ATOMIC-2")
                .when()
                .get("/v1/products")
                .then()
                .body("$", hasSize(2));
    }

    @Test
    void ingestAndDeleteNeedAnAdminKey() {
        given().contentType(Catalogue.NDJSON)
                .body("{\"id\":\"X\",\"title\":\"Y\"}".getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", "Bearer not-an-admin-key")
                .when()
                .delete("/v1/products/X")
                .then()
                .statusCode(403);
    }

    @Test
    void deletedProductsLeaveTheCatalogueAndMilvusAndComeBackWithAHigherVersion() {
        ingest("{\"id\":\"TEST-DEL-1\",\"title\":\"Hydro Flask Water Bottle\"}\n"
                + "{\"id\":\"TEST-DEL-2\",\"title\":\"Yeti Rambler Tumbler\"}\n"
                + "{\"id\":\"TEST-DEL-3\",\"title\":\"Contigo Travel Mug\"}\n");
        Catalogue.awaitIndexed();
        assertEquals(3, milvusVersions("TEST-DEL-1", "TEST-DEL-2", "TEST-DEL-3").size());

        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .delete("/v1/products/TEST-DEL-1")
                .then()
                .statusCode(200)
                .body("deleted", equalTo(1));
        given().header("Authorization", Catalogue.ADMIN)
                .contentType("application/json")
                .body("{\"ids\":[\"TEST-DEL-2\",\"TEST-DEL-3\",\"NO-SUCH-PRODUCT\"]}")
                .when()
                .post("/v1/products/deletions")
                .then()
                .statusCode(200)
                .body("deleted", equalTo(2))
                .body("unknown", contains("NO-SUCH-PRODUCT"));
        given().queryParam("ids", "TEST-DEL-1", "TEST-DEL-2", "TEST-DEL-3")
                .when()
                .get("/v1/products")
                .then()
                .body("$", empty());
        Catalogue.awaitIndexed();
        assertEquals(java.util.Map.of(), milvusVersions("TEST-DEL-1", "TEST-DEL-2", "TEST-DEL-3"));

        // the tombstone kept version 2; the product comes back newer than its deletion
        ingest("{\"id\":\"TEST-DEL-1\",\"title\":\"Hydro Flask Water Bottle\"}");
        Catalogue.awaitIndexed();
        assertEquals(java.util.Map.of("TEST-DEL-1", 3L), milvusVersions("TEST-DEL-1"));
    }

    @Test
    void refusesInvalidDeletes() {
        given().header("Authorization", Catalogue.ADMIN)
                .contentType("application/json")
                .body("{\"ids\":[]}")
                .when()
                .post("/v1/products/deletions")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("ids"));
        given().header("Authorization", Catalogue.ADMIN)
                .contentType("application/json")
                .body("{\"ids\":[\"ok\", \"  \"]}")
                .when()
                .post("/v1/products/deletions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("ids[1]"));
    }

    @Test
    void ingestAnswersHowManyChangesWaitAndTheStatusFollowsThemToZero() {
        IngestResult result = ingest("{\"id\":\"TEST-LAG-1\",\"title\":\"Bialetti Moka Express\"}");
        assertEquals(1, result.changed());
        assertThat(result.pendingIndexing(), org.hamcrest.Matchers.greaterThanOrEqualTo(0L));
        Catalogue.awaitIndexed();
        given().when()
                .get("/v1/products/indexing")
                .then()
                .statusCode(200)
                .body("pending", equalTo(0))
                .body("oldestAgeSeconds", equalTo(0.0f))
                .body("lastError", nullValue());
        assertEquals(java.util.Map.of("TEST-LAG-1", 1L), milvusVersions("TEST-LAG-1"));
    }

    /** The version Milvus holds for each of these ids that it holds. */
    private java.util.Map<String, Long> milvusVersions(String... ids) {
        QueryResp rows = milvus.client()
                .query(QueryReq.builder()
                        .collectionName("product_text")
                        .ids(List.of((Object[]) ids))
                        .outputFields(List.of("id", "version"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build());
        return rows.getQueryResults().stream()
                .collect(Collectors.toMap(
                        r -> (String) r.getEntity().get("id"),
                        r -> ((Number) r.getEntity().get("version")).longValue()));
    }

    private static IngestResult ingest(String ndjson) {
        return given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(0))
                .extract()
                .as(IngestResult.class);
    }
}
