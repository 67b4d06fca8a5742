package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.array;
import static io.magpie.fusion.events.EventJson.event;
import static io.magpie.fusion.events.EventJson.uniqueId;
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
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-in links a session's events to the user; a privacy deletion removes the user's and their sessions' events. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class SessionLinkingTest {

    private static final String ADMIN = "Bearer test-admin-key";

    @Inject
    Pool pool;

    private void send(String... events) {
        given().contentType(ContentType.JSON)
                .body(array(events))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200);
    }

    private long eventsOf(String column, String value) {
        return new EventsDatabase(pool).count("SELECT count(*) FROM fusion.event WHERE " + column + " = $1", value);
    }

    @Test
    void signInLinksTheSessionsEarlierAndLaterEventsToTheUser() {
        String session = uniqueId("s");
        String user = uniqueId("u");
        Instant before = Instant.now().minusSeconds(30);
        send(
                event(uniqueId("e"), "view", null, session, "P-1", before),
                event(uniqueId("e"), "click", null, session, "P-1", before.plusSeconds(1)),
                event(uniqueId("e"), "view", null, uniqueId("s"), "P-1", before));
        assertEquals(0, eventsOf("user_id", user));

        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", session, "userId", user))
                .when()
                .post("/v1/events/identify")
                .then()
                .statusCode(200)
                .body("linkedEvents", equalTo(2))
                .body("userId", equalTo(user));
        assertEquals(2, eventsOf("user_id", user));

        // sent later with the session alone: the user comes from the link
        send(event(
                uniqueId("e"),
                "add_to_cart",
                null,
                session,
                "P-1",
                Instant.now().minusSeconds(1)));
        assertEquals(3, eventsOf("user_id", user));

        // signing in again is harmless; another user claiming the session is refused
        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", session, "userId", user))
                .when()
                .post("/v1/events/identify")
                .then()
                .statusCode(200)
                .body("linkedEvents", equalTo(0));
        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", session, "userId", uniqueId("u")))
                .when()
                .post("/v1/events/identify")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", contains("sessionId"));
        assertEquals(3, eventsOf("user_id", user));
    }

    @Test
    void identifyNeedsBothIds() {
        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", " "))
                .when()
                .post("/v1/events/identify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("sessionId", "userId"));
    }

    @Test
    void deletingAUserRemovesTheirEventsAndTheirSessionsButNoOneElses() {
        String user = uniqueId("u");
        String session = uniqueId("s");
        String bystander = uniqueId("u");
        Instant at = Instant.now().minusSeconds(10);
        String deletedId = uniqueId("e");
        send(
                event(deletedId, "purchase", user, null, "P-1", at),
                event(uniqueId("e"), "view", null, session, "P-2", at),
                event(uniqueId("e"), "view", bystander, session + "-other", "P-2", at));
        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", session, "userId", user))
                .when()
                .post("/v1/events/identify")
                .then()
                .statusCode(200);

        given().when()
                .delete("/v1/admin/users/{user}/events", user)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer not-the-key")
                .when()
                .delete("/v1/admin/users/{user}/events", user)
                .then()
                .statusCode(403);
        assertEquals(2, eventsOf("user_id", user));

        given().header("Authorization", ADMIN)
                .when()
                .delete("/v1/admin/users/{user}/events", user)
                .then()
                .statusCode(200)
                .body("userId", equalTo(user))
                .body("deletedEvents", equalTo(2))
                .body("unlinkedSessions", equalTo(1));
        assertEquals(0, eventsOf("user_id", user));
        assertEquals(0, eventsOf("session_id", session));
        assertEquals(1, eventsOf("user_id", bystander));

        // a client re-sending a deleted event does not bring it back
        given().contentType(ContentType.JSON)
                .body(array(event(deletedId, "purchase", user, null, "P-1", at)))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("events[0].status", equalTo("duplicate"));
        assertEquals(0, eventsOf("user_id", user));
        given().header("Authorization", ADMIN)
                .when()
                .delete("/v1/admin/users/{user}/events", user)
                .then()
                .statusCode(200)
                .body("deletedEvents", equalTo(0));
    }
}
