package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.array;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static io.magpie.fusion.events.EventJson.view;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Products the real catalogue (retrieval-service) does not know are stored all the same, and flagged. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = CatalogueTestResource.class, restrictToAnnotatedClass = true)
class UnknownProductsTest {

    @Inject
    Pool pool;

    @Test
    void unknownProductsAreStoredAndFlagged() {
        String user = uniqueId("u");
        String unknown = uniqueId("e");
        given().contentType(ContentType.JSON).body(array(view(uniqueId("e"), user, "CAT-1"),
                        view(unknown, user, "NOT-IN-CATALOGUE"), view(uniqueId("e"), user, "CAT-2")))
                .when().post("/v1/events")
                .then().statusCode(200)
                .body("catalogueChecked", equalTo(true))
                .body("accepted", equalTo(3)).body("unknownProducts", equalTo(1))
                .body("events.unknownProduct", contains(false, true, false));
        EventsDatabase db = new EventsDatabase(pool);
        assertEquals(1, db.count("SELECT count(*) FROM fusion.event WHERE user_id = $1 AND NOT product_known", user));
        assertEquals(2, db.count("SELECT count(*) FROM fusion.event WHERE user_id = $1 AND product_known", user));
        assertEquals("NOT-IN-CATALOGUE", db.rows("SELECT product_id FROM fusion.event WHERE event_id = $1", unknown)
                .get(0).getString(0));
    }

    @Test
    void aBatchWithMoreDistinctProductsThanOneLookUpTakesIsCheckedWhole() {
        String user = uniqueId("u");
        // 450 distinct products: three look-ups of at most 200 ids
        List<String> events = IntStream.range(0, 450).mapToObj(i -> view(uniqueId("e"), user,
                i == 7 ? "CAT-3" : "MISSING-" + i)).toList();
        given().contentType(ContentType.JSON).body(array(events.toArray(String[]::new)))
                .when().post("/v1/events")
                .then().statusCode(200)
                .body("catalogueChecked", equalTo(true))
                .body("accepted", equalTo(450)).body("unknownProducts", equalTo(449))
                .body("events[7].unknownProduct", equalTo(false));
    }
}
