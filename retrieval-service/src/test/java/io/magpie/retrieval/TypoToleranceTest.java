package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.LexicalQuery;
import io.magpie.retrieval.service.TypoCorrection;
import io.magpie.retrieval.store.MilvusConnection;
import io.magpie.retrieval.store.ProductTextCollection;
import io.magpie.retrieval.store.TermVocabulary;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Misspelled queries still find the product through lexical search. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class TypoToleranceTest {

    @Inject
    TypoCorrection typos;

    @Inject
    MilvusConnection milvus;

    @Inject
    ProductTextCollection products;

    @BeforeEach
    void catalogue() {
        Catalogue.ensureIngested();
    }

    @Test
    void misspelledWordsFindTheProducts() {
        assertThat(
                lexical("papr towles", 3),
                containsInAnyOrder(Catalogue.BOUNTY, Catalogue.VIVA, Catalogue.BASICS_TOWELS));
        assertEquals(Catalogue.SKILLET, lexical("cast iorn skilet", 1).get(0));
        assertEquals(Catalogue.AIRPODS, lexical("wireles earbudds", 1).get(0));
    }

    @Test
    void onlyUnknownWordsGetCorrections() {
        assertEquals("paper towels", typos.expand("paper towels"));
        assertEquals("papr towles paper towels", typos.expand("papr towles"));
        // short words and numbers are left alone: too many neighbours to guess from
        assertEquals("pan 12345", typos.expand("pan 12345"));
        // nothing close enough: the query goes as it is
        assertEquals("xylophone zeppelin", typos.expand("xylophone zeppelin"));
    }

    @Test
    void anotherReplicasVocabularyLearnsWritesItDidNotDeliverAndForgetsDeletions() {
        // a replica other than the one that delivers the writes: its vocabulary comes from the shared collection
        TermVocabulary replica = new TermVocabulary();
        assertTrue(replica.rebuildFrom(milvus, products.alias()));
        assertEquals(Optional.of("towels"), replica.closestKnown("towles", 1));
        assertEquals(Optional.empty(), replica.closestKnown("quorvanx", 1));

        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body(("{\"id\":\"TYPO-1\",\"title\":\"Quorvane desk lamp\",\"brand\":\"Quorvane\","
                                + "\"category\":[\"Home\"],\"price\":19.99,\"currency\":\"EUR\",\"inStock\":true}\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200);
        Catalogue.awaitIndexed();
        assertEquals(Optional.empty(), replica.closestKnown("quorvanx", 1), "not before its next rebuild");
        assertTrue(replica.rebuildFrom(milvus, products.alias()));
        assertEquals(Optional.of("quorvane"), replica.closestKnown("quorvanx", 1));

        given().header("Authorization", Catalogue.ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"ids\":[\"TYPO-1\"]}")
                .when()
                .post("/v1/products/deletions")
                .then()
                .statusCode(200);
        Catalogue.awaitIndexed();
        assertTrue(replica.rebuildFrom(milvus, products.alias()));
        assertEquals(Optional.empty(), replica.closestKnown("quorvanx", 1), "a deleted product's words leave");
    }

    private static List<String> lexical(String query, int k) {
        return given()
                .contentType(ContentType.JSON)
                .body(new LexicalQuery(query, k))
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class)
                .candidates()
                .stream()
                .map(Candidate::id)
                .toList();
    }
}
