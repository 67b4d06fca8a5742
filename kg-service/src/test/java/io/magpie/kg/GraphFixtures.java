package io.magpie.kg;

import static io.restassured.RestAssured.given;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.graph.GraphProduct;
import io.magpie.api.retrieval.CandidateList;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;

/** Calls of kg-service's API that the tests share. Each test names its data with a fresh suffix. */
final class GraphFixtures {

    private GraphFixtures() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static GraphProduct product(String id, String brand, String... category) {
        return new GraphProduct(id, "Title of " + id, brand, List.of(category));
    }

    static void upsert(GraphProduct... products) {
        given().contentType(ContentType.JSON)
                .body(List.of(products))
                .when()
                .put("/v1/graph/products")
                .then()
                .statusCode(204);
    }

    static CandidateList expand(int k, String... seeds) {
        return given().contentType(ContentType.JSON)
                .body(new ExpandRequest(List.of(seeds), k))
                .when()
                .post("/v1/expand")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .as(CandidateList.class);
    }

    static CandidateList expandQuery(int k, String query) {
        return expand(new ExpandRequest(query, null, null, k));
    }

    static CandidateList expand(ExpandRequest request) {
        return given().contentType(ContentType.JSON)
                .body(request)
                .when()
                .post("/v1/expand")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .as(CandidateList.class);
    }

    static List<String> ids(CandidateList list) {
        return list.candidates().stream().map(c -> c.id()).toList();
    }
}
