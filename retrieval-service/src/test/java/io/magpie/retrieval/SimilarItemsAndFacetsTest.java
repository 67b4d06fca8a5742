package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.problem.Problem;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.FacetRequest;
import io.magpie.api.retrieval.Facets;
import io.magpie.api.retrieval.SimilarQuery;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class SimilarItemsAndFacetsTest {

    @BeforeEach
    void catalogue() {
        Catalogue.ensureIngested();
    }

    @Test
    void similarToPaperTowelsIsOtherPaperTowelsNeverTheProductItself() {
        CandidateList list = similar(new SimilarQuery(Catalogue.BOUNTY, 2, null));

        assertEquals("similar", list.source());
        List<String> ids = list.candidates().stream().map(Candidate::id).toList();
        assertThat(ids, everyItem(oneOf(Catalogue.VIVA, Catalogue.BASICS_TOWELS)));
        assertEquals(2, ids.size());
        assertThat(
                similarIds(new SimilarQuery(Catalogue.BOUNTY, 21, null)),
                not(org.hamcrest.Matchers.hasItem(Catalogue.BOUNTY)));
    }

    @Test
    void similarItemsTakeFilters() {
        assertEquals(
                List.of(Catalogue.CHARMIN),
                similarIds(new SimilarQuery(
                        Catalogue.BOUNTY, 5, new CandidateFilter(null, List.of("Charmin"), null, null, null))));
    }

    @Test
    void similarToAnUnknownProductNamesTheField() {
        given().contentType(ContentType.JSON)
                .body(new SimilarQuery("no-such-product", 5, null))
                .when()
                .post("/v1/candidates/similar")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("productId"));
    }

    @Test
    void facetsCountCategoryLevelsBrandsAndPriceBuckets() {
        Facets facets = given().contentType(ContentType.JSON)
                .body(new FacetRequest(List.of(
                        Catalogue.BOUNTY,
                        Catalogue.VIVA,
                        Catalogue.BASICS_TOWELS,
                        Catalogue.CHARMIN,
                        Catalogue.AIRPODS,
                        Catalogue.BOUNTY,
                        "unknown")))
                .when()
                .post("/v1/facets")
                .then()
                .statusCode(200)
                .extract()
                .as(Facets.class);

        assertEquals(5, facets.counted());
        assertEquals(4L, facets.categories().get("Health & Household"));
        assertEquals(
                3L,
                facets.categories().get("Health & Household > Household Supplies > Paper & Plastic > Paper Towels"));
        assertEquals(1L, facets.categories().get("Electronics"));
        assertEquals(
                "Health & Household", facets.categories().keySet().iterator().next());
        assertEquals(1L, facets.brands().get("Viva"));
        assertEquals(5, facets.brands().size());
        // 14.49 and 24.35 | 25.99 and 31.99 | 249.0
        assertEquals(
                List.of(
                        new Facets.PriceBucket(10, 25.0, 2),
                        new Facets.PriceBucket(25, 50.0, 2),
                        new Facets.PriceBucket(100, 250.0, 1)),
                facets.prices());
    }

    private static CandidateList similar(SimilarQuery query) {
        return given().contentType(ContentType.JSON)
                .body(query)
                .when()
                .post("/v1/candidates/similar")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class);
    }

    private static List<String> similarIds(SimilarQuery query) {
        return similar(query).candidates().stream().map(Candidate::id).toList();
    }
}
