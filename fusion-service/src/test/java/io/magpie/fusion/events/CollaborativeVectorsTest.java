package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.event;
import static io.magpie.fusion.events.EventJson.store;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Collaborative item vectors trained from events stored in real PostgreSQL, written to a real retrieval-service
 * (milvus-lite) and searched there: two groups of products each bought by their own shoppers.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = CatalogueTestResource.class, restrictToAnnotatedClass = true)
class CollaborativeVectorsTest {

    private static final String ADMIN = "Bearer test-admin-key";
    private static final List<String> KITCHEN = List.of("CAT-1", "CAT-2", "CAT-3");
    private static final List<String> GARDEN = List.of("CAT-P1", "CAT-P2", "CAT-P3");
    /** A small, fast training that separates the two groups for any seed. */
    private static final String TRAINING = "{\"dimension\":8,\"contextWindow\":2,\"epochs\":60,\"learningRate\":0.05}";

    @ConfigProperty(name = "quarkus.rest-client.retrieval.url")
    String retrieval;

    @Test
    void trainedVectorsPutCoPurchasesNearestAndARetrainReplacesTheVersion() {
        buyGroups();
        JsonPath first = train(TRAINING);
        // other tests' events in the shared database may add items of their own
        assertTrue(first.getInt("items") >= 6);

        // nearest to a kitchen item: the other kitchen items, never the history itself
        List<String> nearKitchen = collaborative(List.of("CAT-1"), 5);
        assertEquals(Set.of("CAT-2", "CAT-3"), Set.copyOf(nearKitchen.subList(0, 2)));
        assertFalse(nearKitchen.contains("CAT-1"));
        List<String> nearGarden = collaborative(List.of("CAT-P2", "CAT-P1"), 5);
        assertEquals("CAT-P3", nearGarden.get(0));
        assertFalse(nearGarden.contains("CAT-P1") || nearGarden.contains("CAT-P2"));

        JsonPath second = train(TRAINING.replace("}", ",\"seed\":7}"));
        assertNotEquals(first.getString("version"), second.getString("version"));
        assertEquals(first.getString("version"), second.getString("previous"));
        assertEquals(Set.of("CAT-2", "CAT-3"), Set.copyOf(collaborative(List.of("CAT-1"), 2)));
    }

    @Test
    void theTriggerRefusesBadValuesAndCallersWithoutAnAdminKey() {
        given().contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/v1/admin/collaborative/train")
                .then()
                .statusCode(401);
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"dimension\":0,\"epochs\":1000,\"learningRate\":-1}")
                .when()
                .post("/v1/admin/collaborative/train")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("dimension", "epochs", "learningRate"));
        given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"dimension\":\"many\"}")
                .when()
                .post("/v1/admin/collaborative/train")
                .then()
                .statusCode(400);
    }

    /** Twenty shoppers per group, each buying the group's three products in an order of their own. */
    private static void buyGroups() {
        List<String> events = new ArrayList<>();
        Instant t = Instant.now().minusSeconds(3600);
        for (int shopper = 0; shopper < 40; shopper++) {
            List<String> group = new ArrayList<>(shopper % 2 == 0 ? KITCHEN : GARDEN);
            java.util.Collections.rotate(group, shopper / 2);
            String user = uniqueId("cf-u");
            for (int i = 0; i < group.size(); i++) {
                events.add(event(uniqueId("e"), "purchase", user, null, group.get(i), t.plusSeconds(60L * i)));
            }
        }
        store(events);
    }

    private static JsonPath train(String body) {
        return given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/admin/collaborative/train")
                .then()
                .statusCode(200)
                .body("version", notNullValue())
                .extract()
                .jsonPath();
    }

    private List<String> collaborative(List<String> history, int k) {
        return given().baseUri(retrieval)
                .contentType(ContentType.JSON)
                .body("{\"itemIds\":[\"" + String.join("\",\"", history) + "\"],\"k\":" + k + ",\"recencyDecay\":0.7}")
                .when()
                .post("/v1/candidates/collaborative")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("candidates.id", String.class);
    }
}
