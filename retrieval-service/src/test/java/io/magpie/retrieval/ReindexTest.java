package io.magpie.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.magpie.api.catalog.ReindexStatus;
import io.magpie.api.problem.Problem;
import io.magpie.retrieval.store.MilvusConnection;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.utility.request.DescribeAliasReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class ReindexTest {

    @Inject
    MilvusConnection milvus;

    @Test
    void rebuildsIntoTheNextCollectionSwapsTheAliasAndKeepsChangesMadeMeanwhile() throws Exception {
        Catalogue.ensureIngested();
        String before = aliasTarget();
        long live = given().queryParam("ids", Catalogue.BOUNTY)
                .when()
                .get("/v1/products")
                .then()
                .extract()
                .jsonPath()
                .getList("$")
                .size();
        assertEquals(1, live);

        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .post("/v1/reindex")
                .then()
                .statusCode(202)
                .body("phase", equalTo("CREATING"));
        // a second one while the first runs, and a change while it copies
        given().header("Authorization", Catalogue.ADMIN)
                .when()
                .post("/v1/reindex")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", Catalogue.ADMIN)
                .contentType(Catalogue.NDJSON)
                .body("{\"id\":\"TEST-REINDEX-1\",\"title\":\"Stanley Classic Thermos\"}"
                        .getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/v1/products")
                .then()
                .statusCode(200);

        ReindexStatus done = awaitReindex(Duration.ofMinutes(3));
        assertEquals("DONE", done.phase(), String.valueOf(done.error()));
        assertEquals(done.total(), done.done());
        Catalogue.awaitIndexed();

        String after = aliasTarget();
        assertEquals(nextOf(before), after);
        assertFalse(
                milvus.client()
                        .hasCollection(HasCollectionReq.builder()
                                .collectionName(before)
                                .build()),
                "the old collection is dropped");
        List<Object> ids = List.of(Catalogue.BOUNTY, Catalogue.SKILLET, "TEST-REINDEX-1");
        assertEquals(
                3,
                milvus.client()
                        .query(QueryReq.builder()
                                .collectionName("product_text")
                                .ids(ids)
                                .outputFields(List.of("id"))
                                .consistencyLevel(ConsistencyLevel.STRONG)
                                .build())
                        .getQueryResults()
                        .size());
        given().when()
                .get("/v1/reindex")
                .then()
                .statusCode(200)
                .body("phase", equalTo("DONE"))
                .body("collection", equalTo(after));
    }

    @Test
    void reindexNeedsAnAdminKey() {
        given().when().post("/v1/reindex").then().statusCode(401);
    }

    private String aliasTarget() {
        return milvus.client()
                .describeAlias(DescribeAliasReq.builder().alias("product_text").build())
                .getCollectionName();
    }

    private static String nextOf(String collection) {
        int at = collection.lastIndexOf("_v");
        return collection.substring(0, at) + "_v" + (Long.parseLong(collection.substring(at + 2)) + 1);
    }

    private static ReindexStatus awaitReindex(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ReindexStatus status;
        do {
            Thread.sleep(200);
            status = given().when()
                    .get("/v1/reindex")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(ReindexStatus.class);
        } while (status.running() && System.nanoTime() < deadline);
        return status;
    }
}
