package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncoderClient;
import io.magpie.api.problem.Problem;
import io.magpie.api.retrieval.Candidate;
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
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class CandidateSearchTest {

    @RestClient
    EncoderClient encoder;

    @BeforeEach
    void catalogue() {
        Catalogue.ensureIngested();
    }

    @Test
    void denseRanksTheProductThatMeansTheQueryFirst() {
        CandidateList list = dense(queryVector("noise cancelling bluetooth earbuds"), 5);

        assertEquals("dense", list.source());
        assertEquals(5, list.candidates().size());
        assertEquals(Catalogue.AIRPODS, list.candidates().get(0).id());
        assertBestFirst(list.candidates());
        // cosine similarity of normalised vectors
        assertThat(list.candidates().get(0).score(), lessThanOrEqualTo(1.0001));
    }

    @Test
    void denseFindsPaperTowelsForAQueryWithoutTheirWords() {
        CandidateList list = dense(queryVector("kitchen roll to wipe up spills"), 3);

        assertThat(
                list.candidates().stream().map(Candidate::id).toList(),
                org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.oneOf(Catalogue.BOUNTY, Catalogue.VIVA, Catalogue.BASICS_TOWELS)));
    }

    @Test
    void lexicalFindsThePaperTowelsFirst() {
        CandidateList list = given().contentType(ContentType.JSON)
                .body(new LexicalQuery("paper towels", 10))
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class);

        assertEquals("lexical", list.source());
        assertThat(
                list.candidates().subList(0, 3).stream().map(Candidate::id).toList(),
                containsInAnyOrder(Catalogue.BOUNTY, Catalogue.VIVA, Catalogue.BASICS_TOWELS));
        // toilet paper matches "paper" only: found, but after them
        assertEquals(Catalogue.CHARMIN, list.candidates().get(3).id());
        assertBestFirst(list.candidates());
        list.candidates().forEach(c -> assertThat(c.score(), greaterThan(0.0)));
    }

    @Test
    void lexicalAnswersNothingForWordsNoProductHas() {
        given().contentType(ContentType.JSON)
                .body(new LexicalQuery("xylophone zeppelin", 10))
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(200)
                .body("source", equalTo("lexical"))
                .body("candidates.size()", equalTo(0));
    }

    @Test
    void denseRefusesAVectorOfTheWrongDimension() {
        given().contentType(ContentType.JSON)
                .body(new DenseQuery(new float[] {0.1f, 0.2f, 0.3f}, 10))
                .when()
                .post("/v1/candidates/dense")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("vector"))
                .body("errors[0].message", containsString("384"));
    }

    @Test
    void refusesInvalidQueriesNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"query\": \"  \", \"k\": 10}")
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("query"));
        given().contentType(ContentType.JSON)
                .body("{\"query\": \"towels\", \"k\": 0}")
                .when()
                .post("/v1/candidates/lexical")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("k"));
        given().contentType(ContentType.JSON)
                .body("{\"k\": 10}")
                .when()
                .post("/v1/candidates/dense")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("vector"));
    }

    private float[] queryVector(String query) {
        return encoder.encode(EncodeRequest.queries(List.of(query)))
                .await()
                .atMost(Duration.ofMinutes(1))
                .vectors()
                .get(0);
    }

    private static CandidateList dense(float[] vector, int k) {
        return given().contentType(ContentType.JSON)
                .body(new DenseQuery(vector, k))
                .when()
                .post("/v1/candidates/dense")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class);
    }

    private static void assertBestFirst(List<Candidate> candidates) {
        for (int i = 1; i < candidates.size(); i++) {
            assertThat(
                    candidates.get(i - 1).score(),
                    greaterThanOrEqualTo(candidates.get(i).score()));
        }
    }
}
