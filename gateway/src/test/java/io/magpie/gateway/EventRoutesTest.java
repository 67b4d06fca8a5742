package io.magpie.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.magpie.testsupport.FusionServiceTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's event routes against a real fusion-service (its packaged jar, with its own PostgreSQL): bodies go on
 * as they came, JSON arrays and NDJSON, and fusion-service's per-event answers and problems come back unchanged.
 */
@QuarkusTest
// the same fusion-service as EventRoutesTest and RecommendationRoutesTest: one start serves both
@WithTestResource(FusionServiceTestResource.class)
class EventRoutesTest {

    private static final String NDJSON = "application/x-ndjson";
    private static final String ADMIN = "Bearer " + FusionServiceTestResource.ADMIN_KEY;

    @BeforeAll
    static void sendNdjsonAsText() {
        RestAssured.config = RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().encodeContentTypeAs(NDJSON, ContentType.TEXT));
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static String event(String eventId, String type, String userId, String sessionId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\""
                + (userId == null ? "" : ",\"userId\":\"" + userId + "\"")
                + (sessionId == null ? "" : ",\"sessionId\":\"" + sessionId + "\"")
                + ",\"productId\":\"P-1\",\"timestamp\":\""
                + Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS) + "\"}";
    }

    @Test
    void aJsonArrayIsRelayedAndAnsweredPerEvent() {
        String user = id("u");
        String eventId = id("e");
        String body = "[" + event(eventId, "view", user, null) + "," + event(id("e"), "like", user, null) + ","
                + event(eventId, "click", user, null) + "]";
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected", equalTo(1))
                .body("duplicates", equalTo(1))
                .body("events.status", contains("accepted", "rejected", "duplicate"))
                .body("events[1].errors.field", contains("type"));
        given().contentType(ContentType.JSON)
                .body("[" + event(eventId, "view", user, null) + "]")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(200)
                .body("events[0].status", equalTo("duplicate"));
    }

    @Test
    void ndjsonIsRelayedWithLineNumbers() {
        String user = id("u");
        given().contentType(NDJSON)
                .body(event(id("e"), "view", user, null) + "\n{not json\n" + event(id("e"), "purchase", user, null)
                        + "\n")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(200)
                .body("events.status", contains("accepted", "rejected", "accepted"))
                .body("events.line", contains(1, 2, 3))
                .body("events[1].errors.field", contains("$"));
    }

    @Test
    void fusionServicesProblemsComeBackUnchanged() {
        given().contentType(ContentType.JSON)
                .body("[{\"eventId\":\"x\"}]")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("[0].type"));
        given().contentType(ContentType.JSON)
                .body("not json")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        String tooMany = IntStream.range(0, 1001)
                .mapToObj(i -> event(id("e"), "view", "u", null))
                .collect(Collectors.joining(",", "[", "]"));
        given().contentType(ContentType.JSON)
                .body(tooMany)
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("1000"));
    }

    @Test
    void signInAndPrivacyDeletionGoThroughTheGateway() {
        String user = id("u");
        String session = id("s");
        given().contentType(ContentType.JSON)
                .body("[" + event(id("e"), "view", null, session) + "," + event(id("e"), "purchase", user, null) + "]")
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2));
        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", session, "userId", user))
                .when()
                .post("/api/v1/events/identify")
                .then()
                .statusCode(200)
                .body("linkedEvents", equalTo(1));
        given().contentType(ContentType.JSON)
                .body(Map.of("sessionId", session, "userId", id("u")))
                .when()
                .post("/api/v1/events/identify")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        given().when().delete("/api/v1/admin/users/{user}/events", user).then().statusCode(401);
        given().header("Authorization", ADMIN)
                .when()
                .delete("/api/v1/admin/users/{user}/events", user)
                .then()
                .statusCode(200)
                .body("deletedEvents", equalTo(2))
                .body("unlinkedSessions", equalTo(1));
    }
}
