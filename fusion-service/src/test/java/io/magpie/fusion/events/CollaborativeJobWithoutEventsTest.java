package io.magpie.fusion.events;

import static io.magpie.fusion.events.EventJson.event;
import static io.magpie.fusion.events.EventJson.store;
import static io.magpie.fusion.events.EventJson.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A training with nothing to train on: a shopper's two purchases lie outside a training window of a millisecond, so
 * no shopper has two items in it and the job fails saying so, with nothing written.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(CollaborativeJobWithoutEventsTest.NoEventsInTheWindow.class)
class CollaborativeJobWithoutEventsTest {

    public static class NoEventsInTheWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a key, so the start is accepted; retrieval-service is never reached
            return Map.of(
                    "magpie.fusion.collaborative.window", "PT0.001S",
                    "magpie.fusion.collaborative.retrieval-admin-key", "unused-key");
        }
    }

    @Test
    void aJobWithoutUsableSequencesFailsWithAClearError() {
        String user = uniqueId("u");
        Instant t = Instant.now().minusSeconds(120);
        store(List.of(
                event(uniqueId("e"), "purchase", user, null, "P-1", t),
                event(uniqueId("e"), "purchase", user, null, "P-2", t.plusSeconds(60))));
        JsonPath job = CollaborativeVectorsTest.finished(CollaborativeVectorsTest.start("{}"));
        assertEquals("failed", job.getString("state"));
        assertTrue(job.getString("error").contains("no shopper has two or more items"), job.prettify());
        assertNull(job.get("result"));
        assertNotNull(job.getString("finished"));
    }
}
