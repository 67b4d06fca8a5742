package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.catalog.Product;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncoderClient;
import io.magpie.api.problem.Problem;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.DenseQuery;
import io.magpie.api.retrieval.LexicalQuery;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typed filters on both candidate sources, against the real Milvus server and the test catalogue. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class CandidateFilterTest {

    private static final String PAPER_TOWELS =
            "Health & Household > Household Supplies > Paper & Plastic > Paper Towels";

    @RestClient
    EncoderClient encoder;

    @BeforeEach
    void catalogue() {
        Catalogue.ensureIngested();
    }

    @Test
    void brandFilterKeepsOnlyThoseBrands() {
        List<String> ids =
                ids(lexical("paper towels", new CandidateFilter(null, List.of("Viva", "Bounty"), null, null, null)));
        assertThat(ids, containsInAnyOrder(Catalogue.VIVA, Catalogue.BOUNTY));
    }

    @Test
    void categoryFilterMatchesWholeLevelsOfThePath() {
        assertThat(
                ids(lexical("paper", new CandidateFilter(PAPER_TOWELS, null, null, null, null))),
                containsInAnyOrder(Catalogue.BOUNTY, Catalogue.VIVA, Catalogue.BASICS_TOWELS));
        // a prefix of the path: towels and toilet paper alike; spacing around '>' does not matter
        assertThat(
                ids(lexical(
                        "paper", new CandidateFilter("Health & Household>Household Supplies", null, null, null, null))),
                containsInAnyOrder(Catalogue.BOUNTY, Catalogue.VIVA, Catalogue.BASICS_TOWELS, Catalogue.CHARMIN));
        // half a level is not a prefix
        assertTrue(ids(lexical("paper", new CandidateFilter("Health & Household > House", null, null, null, null)))
                .isEmpty());
    }

    @Test
    void priceRangeIsInclusiveOnBothSources() {
        CandidateFilter cheap = new CandidateFilter(null, null, 24.35, 25.99, null);
        assertThat(ids(lexical("paper", cheap)), containsInAnyOrder(Catalogue.BASICS_TOWELS, Catalogue.CHARMIN));

        CandidateList dense = given().contentType(ContentType.JSON)
                .body(new DenseQuery(vector("something cheap"), 50, new CandidateFilter(null, null, null, 20.0, true)))
                .when()
                .post("/v1/candidates/dense")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class);
        // the catalogue has six products at 20 or less, all in stock
        assertEquals(6, dense.candidates().size());
        List<Product> products = given().queryParam("ids", ids(dense).toArray())
                .when()
                .get("/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(".", Product.class);
        assertThat(products.stream().map(Product::price).toList(), everyItem(lessThanOrEqualTo(20.0)));
    }

    @Test
    void hostileValuesMatchNothingInsteadOfWideningTheFilter() {
        for (String hostile : List.of("\" or 1==1 or \"", "Viva\" || brand != \"", "Bounty\\", "x') or true or ('")) {
            assertTrue(
                    ids(lexical("paper towels", new CandidateFilter(null, List.of(hostile), null, null, null)))
                            .isEmpty(),
                    hostile);
            assertTrue(
                    ids(lexical("paper towels", new CandidateFilter(hostile, null, null, null, null)))
                            .isEmpty(),
                    hostile);
        }
        // the brand itself, quoted the same way, still matches
        assertEquals(
                List.of(Catalogue.CAFE_DU_MONDE),
                ids(lexical("coffee chicory", new CandidateFilter(null, List.of("Café du Monde"), null, null, null))));
    }

    @Test
    void badFilterValuesAreRefusedNamingTheField() {
        Map<String, Object> inverted =
                Map.of("query", "towels", "k", 10, "filter", Map.of("minPrice", 30, "maxPrice", 10));
        given().contentType(ContentType.JSON)
                .body(inverted)
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("filter.minPrice"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "towels", "k", 10, "filter", Map.of("maxPrice", -1)))
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("filter.maxPrice"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "towels", "k", 10, "filter", Map.of("brands", List.of(" "))))
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("filter.brands"));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "towels", "k", 10, "filter", Map.of("category", "Electronics >> Earbuds")))
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", is(oneOf("filter.category")));
    }

    private float[] vector(String query) {
        return encoder.encode(EncodeRequest.queries(List.of(query)))
                .await()
                .atMost(Duration.ofMinutes(1))
                .vectors()
                .get(0);
    }

    private static CandidateList lexical(String query, CandidateFilter filter) {
        return given().contentType(ContentType.JSON)
                .body(new LexicalQuery(query, 50, filter))
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class);
    }

    private static List<String> ids(CandidateList list) {
        return list.candidates().stream().map(Candidate::id).toList();
    }
}
