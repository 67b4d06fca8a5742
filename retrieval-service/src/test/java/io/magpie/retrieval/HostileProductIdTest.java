package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.problem.Problem;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.FacetRequest;
import io.magpie.api.retrieval.Facets;
import io.magpie.api.retrieval.HistoryQuery;
import io.magpie.api.retrieval.ItemVector;
import io.magpie.api.retrieval.ItemVectorBatch;
import io.magpie.api.retrieval.SimilarQuery;
import io.magpie.retrieval.store.ProductTextCollection;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ids from callers reach Milvus expressions only escaped: an id written to close the {@code id in [...]} list and
 * add a clause matches only itself, on every path that takes ids, against real milvus-lite. Ids with characters
 * that no literal can carry (control characters, lone surrogates) are a 400 naming the field.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class HostileProductIdTest {

    /** Ends the id literal, matches every row, and reopens a list so the expression still parses. */
    static final String HOSTILE = "x\"] or id != \"\" or id in [\"";

    static final String BACKSLASHED = "y\\\"] or id != \"\" or id in [\"\\";

    @Inject
    ProductTextCollection collection;

    @BeforeEach
    void catalogue() {
        Catalogue.ensureIngested();
    }

    @Test
    void facetsOfAHostileIdCountNothingElse() {
        Facets facets = given().contentType(ContentType.JSON)
                .body(new FacetRequest(List.of(HOSTILE, BACKSLASHED, Catalogue.BOUNTY)))
                .when()
                .post("/v1/facets")
                .then()
                .statusCode(200)
                .extract()
                .as(Facets.class);

        assertEquals(1, facets.counted());
        assertEquals(Map.of("Bounty", 1L), facets.brands());
    }

    @Test
    void similarToAHostileIdIsAnUnknownProduct() {
        given().contentType(ContentType.JSON)
                .body(new SimilarQuery(HOSTILE, 5, null))
                .when()
                .post("/v1/candidates/similar")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("productId"));
    }

    @Test
    void aHostileHistoryHasNoCollaborativeCandidates() {
        // dimension 3 as in ProductCfTest, which shares this Milvus; pointing away from its vectors
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(ContentType.JSON)
                .body(new ItemVectorBatch(List.of(
                        new ItemVector("hostile-cf-1", new float[] {-1, 0, 0}),
                        new ItemVector("hostile-cf-2", new float[] {0, -1, 0}),
                        new ItemVector(HOSTILE, new float[] {-1, -1, 0}))))
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(200);

        assertTrue(collaborative(List.of(BACKSLASHED)).candidates().isEmpty());
        // the hostile id is stored as data: its own history finds the others and leaves it out
        List<String> fromHostile = collaborative(List.of(HOSTILE)).candidates().stream()
                .map(c -> c.id())
                .toList();
        assertTrue(fromHostile.contains("hostile-cf-1") && !fromHostile.contains(HOSTILE), fromHostile.toString());
    }

    @Test
    void deletingAProductWithAHostileIdDeletesOnlyThatProduct() {
        String line = "{\"id\": " + json(HOSTILE) + ", \"title\": \"Hostile paper towels\", \"brand\": \"Mallory\"}\n";
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(line.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        Catalogue.awaitIndexed();
        long before = collection.count(collection.alias());
        assertEquals(Map.of(HOSTILE, 1L), collection.versions(collection.alias(), List.of(HOSTILE)));

        given().header("Authorization", Catalogue.ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(HOSTILE)))
                .when()
                .post("/v1/products/deletions")
                .then()
                .statusCode(200)
                .body("deleted", equalTo(1));
        Catalogue.awaitIndexed();

        assertEquals(before - 1, collection.count(collection.alias()));
        assertTrue(collection.versions(collection.alias(), List.of(HOSTILE)).isEmpty());
        assertEquals(Map.of(Catalogue.BOUNTY, 1L), collection.versions(collection.alias(), List.of(Catalogue.BOUNTY)));
    }

    @Test
    void idsNoLiteralCanCarryAreRefusedNamingTheField() {
        String nul = "B07PT1Q8ZV\u0000";
        String loneSurrogate = "B07PT1Q8ZV\ud800";
        given().contentType(ContentType.JSON)
                .body("{\"ids\": [\"ok\", \"B07PT1Q8ZV\\u0000\"]}")
                .when()
                .post("/v1/facets")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("ids[1]"));
        given().contentType(ContentType.JSON)
                .body("{\"productId\": \"B07PT1Q8ZV\\ud800\", \"k\": 5}")
                .when()
                .post("/v1/candidates/similar")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("productId"));
        given().contentType(ContentType.JSON)
                .body("{\"itemIds\": [\"a\\u0007\"], \"k\": 5}")
                .when()
                .post("/v1/candidates/collaborative")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("itemIds[0]"));
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"items\": [{\"id\": \"a\\u0000\", \"vector\": [1, 0, 0]}]}")
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("items[0].id"));
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"ids\": [\"B07PT1Q8ZV\\u0000\"]}")
                .when()
                .post("/v1/products/deletions")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("ids[0]"));
        given().queryParam("ids", nul)
                .queryParam("ids", loneSurrogate)
                .when()
                .get("/v1/products")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("ids[0]"));
    }

    private static CandidateList collaborative(List<String> history) {
        return given().contentType(ContentType.JSON)
                .body(new HistoryQuery(history, 5))
                .when()
                .post("/v1/candidates/collaborative")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
