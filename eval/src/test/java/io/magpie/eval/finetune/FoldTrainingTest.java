package io.magpie.eval.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.api.model.ModelRef;
import io.magpie.eval.http.FakeServer;
import io.magpie.eval.metrics.Folds;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A fold's model against a stand-in encoder-service on loopback: trained once, found again by its name. */
class FoldTrainingTest {

    private static final ModelRef BASE = ModelRef.parse("minilm@1");
    private static final FineTuningRequest.Settings SETTINGS =
            new FineTuningRequest.Settings(1, 32, 2e-5f, null, null, null, null, 7L, null);
    private static final List<FineTuningRequest.Pair> PAIRS =
            List.of(new FineTuningRequest.Pair("q1", "d1"), new FineTuningRequest.Pair("q2", "d2"));
    private static final Folds.Fold<String> FOLD = new Folds.Fold<>(1, List.of("q1", "q2"), List.of("q3"));

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<JsonNode> startedJob = new AtomicReference<>();
    /** The versions GET /v1/models/minilm lists; a finished job adds its own. */
    private final List<String> versions = new CopyOnWriteArrayList<>(List.of("1"));

    private FakeServer encoder() throws Exception {
        return new FakeServer("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (path.equals("/v1/models/minilm")) {
                StringBuilder list = new StringBuilder();
                for (String version : versions) {
                    list.append(list.isEmpty() ? "" : ",")
                            .append("{\"version\":\"")
                            .append(version)
                            .append("\",\"training\":{\"steps\":")
                            .append(version.length())
                            .append("}}");
                }
                FakeServer.answer(exchange, 200, "{\"activeVersion\":\"1\",\"versions\":[" + list + "]}");
            } else if (path.equals("/v1/admin/fine-tuning/jobs")) {
                JsonNode job = json.readTree(exchange.getRequestBody());
                startedJob.set(job);
                FakeServer.answer(exchange, 202, "{\"id\":\"j1\",\"state\":\"queued\"}");
            } else if (path.equals("/v1/admin/fine-tuning/jobs/j1")) {
                versions.add(startedJob.get().path("newVersion").asText());
                FakeServer.answer(exchange, 200, "{\"id\":\"j1\",\"state\":\"succeeded\"}");
            } else {
                FakeServer.answer(exchange, 404, "{\"detail\":\"no such path\"}");
            }
        });
    }

    @Test
    void trainsAFoldOnceThenReusesTheVersionNamedAfterBasePairsAndSettings() throws Exception {
        try (FakeServer server = encoder()) {
            FoldTraining training = new FoldTraining(new EncoderApi(server.uri(), "key"), BASE, SETTINGS, 2, 42);
            ModelRef expected = training.versionFor(PAIRS);

            Optional<FoldTraining.FoldModel> first = training.modelFor(FOLD, PAIRS);
            Optional<FoldTraining.FoldModel> again = training.modelFor(FOLD, PAIRS);

            assertEquals("minilm", expected.name());
            assertTrue(expected.version().startsWith("1-ft-"), expected.toString());
            assertEquals(expected, first.orElseThrow().model());
            assertFalse(first.get().reused());
            assertEquals(
                    expected.version().length(),
                    first.get().training().path("steps").asInt());
            JsonNode job = startedJob.get();
            assertEquals("minilm@1", job.path("baseModel").asText());
            assertEquals(expected.version(), job.path("newVersion").asText());
            assertEquals(2, job.path("pairs").size());
            assertEquals(
                    "ESCI E pairs of 2 training queries (fold 1 of 2, seed 42)",
                    job.path("source").asText());
            assertEquals(expected, again.orElseThrow().model());
            assertTrue(again.get().reused());
            assertEquals(
                    1,
                    requests.stream()
                            .filter(r -> r.equals("POST /v1/admin/fine-tuning/jobs"))
                            .count(),
                    "the second call found the version and trained nothing");
        }
    }

    @Test
    void otherPairsOrSettingsGiveAnotherVersion() {
        EncoderApi unused = new EncoderApi(URI.create("http://127.0.0.1:1"), null);
        FoldTraining training = new FoldTraining(unused, BASE, SETTINGS, 2, 42);
        FoldTraining otherSettings = new FoldTraining(
                unused, BASE, new FineTuningRequest.Settings(2, 32, 2e-5f, null, null, null, null, 7L, null), 2, 42);

        assertEquals(training.versionFor(PAIRS), training.versionFor(List.copyOf(PAIRS)));
        assertFalse(training.versionFor(PAIRS).equals(training.versionFor(PAIRS.subList(0, 1))));
        assertFalse(training.versionFor(PAIRS).equals(otherSettings.versionFor(PAIRS)));
    }
}
