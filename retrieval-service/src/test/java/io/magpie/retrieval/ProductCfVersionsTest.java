package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.api.problem.Problem;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.HistoryQuery;
import io.magpie.api.retrieval.ItemVector;
import io.magpie.api.retrieval.ItemVectorBatch;
import io.magpie.api.retrieval.ItemVectorVersion;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Versions of the collaborative item vectors on real Milvus: a version is written aside, served only once activated,
 * and an activation switches every read at once. Its own collection name, so {@link ProductCfTest}'s unversioned
 * writes do not meet it.
 */
@QuarkusTest
@TestProfile(ProductCfVersionsTest.OwnCollection.class)
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class ProductCfVersionsTest {

    private static final String ADMIN = "Bearer test-admin-key";

    public static class OwnCollection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "magpie.retrieval.product-cf.collection",
                    "product_cf_versions_test",
                    "magpie.retrieval.product-cf.alias-refresh",
                    "0s");
        }
    }

    @Test
    void aVersionIsServedOnlyOnceActivatedAndTheOneBeforeIsKeptUntilTheNext() {
        // version a: x is near y; version b (same ids): x is near z
        write("a", List.of(vector("x", 1, 0, 0), vector("y", 0.9f, 0.1f, 0), vector("z", 0, 1, 0)));
        activate("a").statusCode(200).body("version", equalTo("a")).body("items", equalTo(3));
        assertEquals(List.of("y", "z"), collaborative(List.of("x"), 2, null));

        write("b", List.of(vector("x", 0, 0, 1), vector("y", 1, 0, 0), vector("z", 0, 0.1f, 0.9f)));
        assertEquals(List.of("y", "z"), collaborative(List.of("x"), 2, null), "b is not served before activation");
        activate("b").body("previous", equalTo("a"));
        assertEquals(List.of("z", "y"), collaborative(List.of("x"), 2, null));

        // a is kept as b's predecessor (a roll-back), and dropped once c is activated
        activate("a").body("previous", equalTo("b"));
        write("c", List.of(vector("x", 1, 0, 0)));
        activate("c").body("previous", equalTo("a"));
        activate("b").statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("version"));
    }

    @Test
    void recentItemsWeighMoreWithARecencyDecay() {
        write(
                "r",
                List.of(
                        vector("p", 1, 0, 0),
                        vector("q", 0, 1, 0),
                        vector("near-p", 1, 0.2f, 0),
                        vector("near-q", 0.2f, 1, 0)));
        activate("r");
        // most recent first: q, then p
        assertEquals("near-q", collaborative(List.of("q", "p"), 1, 0.2).get(0));
        assertEquals("near-p", collaborative(List.of("p", "q"), 1, 0.2).get(0));
    }

    @Test
    void badVersionsAreRefused() {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(new ItemVectorBatch(List.of(vector("x", 1, 0, 0)), "not a name!"))
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        activate("never_written").statusCode(400).body("errors[0].field", equalTo("version"));
        given().contentType(ContentType.JSON)
                .body(new ItemVectorVersion("a"))
                .when()
                .put("/v1/admin/product-cf/active")
                .then()
                .statusCode(401);
    }

    private static ItemVector vector(String id, float... values) {
        return new ItemVector(id, values);
    }

    private static void write(String version, List<ItemVector> items) {
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(new ItemVectorBatch(items, version))
                .when()
                .post("/v1/admin/product-cf")
                .then()
                .statusCode(200)
                .body("written", equalTo(items.size()));
    }

    private static io.restassured.response.ValidatableResponse activate(String version) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(new ItemVectorVersion(version))
                .when()
                .put("/v1/admin/product-cf/active")
                .then();
    }

    private static List<String> collaborative(List<String> history, int k, Double decay) {
        return given()
                .contentType(ContentType.JSON)
                .body(new HistoryQuery(history, k, decay))
                .when()
                .post("/v1/candidates/collaborative")
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
