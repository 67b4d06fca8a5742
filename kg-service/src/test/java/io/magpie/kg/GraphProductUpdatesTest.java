package io.magpie.kg;

import static io.magpie.kg.GraphFixtures.expand;
import static io.magpie.kg.GraphFixtures.ids;
import static io.magpie.kg.GraphFixtures.product;
import static io.magpie.kg.GraphFixtures.unique;
import static io.magpie.kg.GraphFixtures.upsert;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.Neo4jTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

@QuarkusTest
@QuarkusTestResource(Neo4jTestResource.class)
class GraphProductUpdatesTest {

    @Inject
    Driver driver;

    @Test
    void aChangedBrandReplacesTheOldLink() {
        String oldBrand = unique("Old");
        String newBrand = unique("New");
        String product = unique("P");
        String oldSibling = unique("OldSibling");
        String newSibling = unique("NewSibling");
        upsert(product(product, oldBrand), product(oldSibling, oldBrand), product(newSibling, newBrand));
        assertEquals(List.of(product), ids(expand(10, oldSibling)));

        upsert(product(product, newBrand));

        assertEquals(List.of(), ids(expand(10, oldSibling)));
        assertEquals(List.of(product), ids(expand(10, newSibling)));
        assertEquals(List.of(newBrand), related(product, "MADE_BY", "name"));
    }

    @Test
    void aChangedCategoryReplacesTheOldLinkAndNoBrandRemovesIt() {
        String root = unique("Root");
        String product = unique("P");
        String oldSibling = unique("OldSibling");
        String newSibling = unique("NewSibling");
        String brand = unique("Brand");
        upsert(
                product(product, brand, root, "A"),
                product(oldSibling, null, root, "A"),
                product(newSibling, null, root, "B"));
        assertEquals(List.of(product), ids(expand(10, oldSibling)));

        upsert(product(product, null, root, "B"));

        assertEquals(List.of(), ids(expand(10, oldSibling)));
        assertEquals(List.of(product), ids(expand(10, newSibling)));
        assertEquals(List.of(root + " > B"), related(product, "IN_CATEGORY", "path"));
        assertEquals(List.of(), related(product, "MADE_BY", "name"));
    }

    @Test
    void theLastOfRepeatedIdsInABatchWins() {
        String product = unique("P");
        String first = unique("First");
        String last = unique("Last");
        upsert(product(product, first), product(product, last));

        assertEquals(List.of(last), related(product, "MADE_BY", "name"));
    }

    @Test
    void deletedProductsLeaveTheExpansionsAndDeletingTwiceIsFine() {
        String brand = unique("Brand");
        String seed = unique("Seed");
        String gone = unique("Gone");
        String kept = unique("Kept");
        upsert(product(seed, brand), product(gone, brand), product(kept, brand));
        assertEquals(List.of(gone, kept), ids(expand(10, seed)));

        given().when().delete("/v1/graph/products/{id}", gone).then().statusCode(204);
        given().when().delete("/v1/graph/products/{id}", gone).then().statusCode(204);

        assertEquals(List.of(kept), ids(expand(10, seed)));
        try (var session = driver.session()) {
            assertEquals(
                    0,
                    session.run("MATCH (p:Product {id: $id}) RETURN count(p) AS n", Map.of("id", gone))
                            .single()
                            .get("n")
                            .asInt());
        }
    }

    private List<String> related(String productId, String type, String property) {
        try (var session = driver.session()) {
            return session.run(
                            "MATCH (:Product {id: $id})-[r]->(n) WHERE type(r) = $type RETURN n[$property] AS v",
                            Map.of("id", productId, "type", type, "property", property))
                    .list(r -> r.get("v").asString());
        }
    }
}
