package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.event;
import static io.magpie.fusion.events.EventJson.store;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.fusion.signals.AlsoBoughtExport;
import io.magpie.fusion.signals.CooccurrenceSignal;
import io.magpie.testsupport.KgServiceTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Bought-together pairs of events stored in real PostgreSQL, exported to a real kg-service (embedded Neo4j) as
 * ALSO_BOUGHT links that its complements then answer.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = KgServiceTestResource.class, restrictToAnnotatedClass = true)
class AlsoBoughtExportTest {

    @ConfigProperty(name = KgServiceTestResource.CONFIG_KEY)
    String kg;

    @Inject
    CooccurrenceSignal cooccurrence;

    @Inject
    AlsoBoughtExport export;

    @Test
    void pairsBoughtByEnoughShoppersBecomeAlsoBoughtLinksOfTheGraph() {
        String a = uniqueId("AB-a");
        String b = uniqueId("AB-b");
        String once = uniqueId("AB-once");
        given().baseUri(kg)
                .contentType(ContentType.JSON)
                .body("[" + String.join(",", product(a), product(b), product(once)) + "]")
                .when()
                .put("/v1/graph/products")
                .then()
                .statusCode(204);
        // three shoppers buy a and b (support 3); one buys a and "once" (support 1, under the minimum of 2)
        List<String> events = new ArrayList<>();
        Instant t = Instant.now().minusSeconds(600);
        for (int shopper = 0; shopper < 3; shopper++) {
            String user = uniqueId("ab-u");
            events.add(event(uniqueId("e"), "purchase", user, null, a, t));
            events.add(event(uniqueId("e"), "purchase", user, null, b, t.plusSeconds(60)));
        }
        String lone = uniqueId("ab-u");
        events.add(event(uniqueId("e"), "purchase", lone, null, a, t));
        events.add(event(uniqueId("e"), "purchase", lone, null, once, t.plusSeconds(60)));
        store(events);

        cooccurrence.catchUp().await().indefinitely();
        int sent = export.export().await().indefinitely();
        assertTrue(sent >= 1, "links sent: " + sent);

        assertEquals(List.of(b), complements(a).getList("items.id", String.class));
        String path = complements(b).getString("items[0].paths[0]");
        assertTrue(path.contains("ALSO_BOUGHT"), path);
    }

    /**
     * kg-service's complements of a product. A 503 (its Neo4j query over the time limit, seen on a shared machine
     * under heavy load) is asked again, twice at most; anything else must be an answer.
     */
    private JsonPath complements(String id) {
        for (int attempt = 1; ; attempt++) {
            Response response = given().baseUri(kg).when().get("/v1/products/{id}/complements", id);
            if (response.statusCode() != 503 || attempt == 3) {
                return response.then()
                        .log()
                        .ifValidationFails()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
            }
        }
    }

    private static String product(String id) {
        return "{\"id\":\"" + id + "\",\"title\":\"Product " + id + "\",\"category\":[\"Lab\"]}";
    }
}
