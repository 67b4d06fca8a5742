package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.problem.Problem;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.HistoryQuery;
import io.magpie.api.retrieval.ItemVector;
import io.magpie.api.retrieval.ItemVectorBatch;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collaborative item vectors: bulk writes (admin) and nearest items to a history, on real Milvus. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class ProductCfTest {

    private static final String ADMIN = "Bearer test-admin-key";

    @BeforeEach
    void vectors() {
        // dimension 3, set by this first write (no dimension configured)
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(new ItemVectorBatch(List.of(
                        new ItemVector("cf-a", new float[] {1, 0, 0}),
                        new ItemVector("cf-b", new float[] {0.9f, 0, 0.1f}),
                        new ItemVector("cf-c", new float[] {0, 1, 0}),
                        new ItemVector("cf-d", new float[] {0, 0, 1}),
                        new ItemVector("cf-e", new float[] {0.5f, 0.5f, 0}))))
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(200)
                .body("written", equalTo(5))
                .body("dimension", equalTo(3));
    }

    @Test
    void nearestToAHistoryLeavesTheHistoryOut() {
        List<String> ids = collaborative(List.of("cf-a"), 2);
        assertEquals(List.of("cf-b", "cf-e"), ids);

        // the centre of a and c is e
        List<String> fromTwo = collaborative(List.of("cf-a", "cf-c", "unknown"), 5);
        assertEquals("cf-e", fromTwo.get(0));
        assertTrue(!fromTwo.contains("cf-a") && !fromTwo.contains("cf-c"));
    }

    @Test
    void aHistoryWithoutVectorsHasNoCandidates() {
        assertTrue(collaborative(List.of("never-trained"), 5).isEmpty());
    }

    @Test
    void writesNeedAnAdminKeyAndVectorsOfTheCollectionsDimension() {
        ItemVectorBatch wrongDimension = new ItemVectorBatch(List.of(new ItemVector("cf-x", new float[] {1, 2})));
        given().contentType(ContentType.JSON)
                .body(wrongDimension)
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(401);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(wrongDimension)
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("items[0].vector"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(new ItemVectorBatch(List.of(
                        new ItemVector("cf-x", new float[] {1, 0, 0}), new ItemVector("cf-x", new float[] {0, 1, 0}))))
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("items[1].id"));
        assertTrue(!collaborative(List.of("cf-a"), 10).contains("cf-x"));
    }

    private static List<String> collaborative(List<String> history, int k) {
        CandidateList list = given().contentType(ContentType.JSON)
                .body(new HistoryQuery(history, k))
                .when()
                .post("/v1/candidates/collaborative")
                .then()
                .statusCode(200)
                .extract()
                .as(CandidateList.class);
        assertEquals("collaborative", list.source());
        return list.candidates().stream().map(Candidate::id).toList();
    }
}
