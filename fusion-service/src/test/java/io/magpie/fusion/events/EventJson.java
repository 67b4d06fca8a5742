package io.magpie.fusion.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Events as a storefront writes them. */
final class EventJson {

    private EventJson() {}

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static String event(
            String eventId, String type, String userId, String sessionId, String productId, Instant timestamp) {
        StringBuilder json = new StringBuilder("{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\"");
        if (userId != null) {
            json.append(",\"userId\":\"").append(userId).append('"');
        }
        if (sessionId != null) {
            json.append(",\"sessionId\":\"").append(sessionId).append('"');
        }
        return json.append(",\"productId\":\"")
                .append(productId)
                .append("\",\"timestamp\":\"")
                .append(timestamp.truncatedTo(ChronoUnit.MILLIS))
                .append("\"}")
                .toString();
    }

    static String view(String eventId, String userId, String productId) {
        return event(eventId, "view", userId, null, productId, Instant.now().minusSeconds(5));
    }

    /** Stores these events through fusion-service's API; every one must be accepted. */
    static void store(List<String> events) {
        given().contentType(ContentType.JSON)
                .body(array(events.toArray(String[]::new)))
                .when()
                .post("/v1/events")
                .then()
                .statusCode(200)
                .body("rejected", equalTo(0));
    }

    static String array(String... events) {
        return "[" + String.join(",", events) + "]";
    }
}
