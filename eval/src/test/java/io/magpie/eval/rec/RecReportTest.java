package io.magpie.eval.rec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.rec.RecEvaluation.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of the recommendation report keeps the shape of docs/eval/rec-scientific.json. */
class RecReportTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Interactions data = TinyInteractions.data();
    private final Bootstrap bootstrap = new Bootstrap(200, 5, 0.95);
    private final RecEvaluation evaluation = new RecEvaluation(data, 2, bootstrap);

    private String finalRunJson() throws Exception {
        Result result = evaluation.run(true);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", "rec-eval --final");
        run.put("seconds", "0.1");
        return new RecReport(result, evaluation.run(false), data, bootstrap, RecEvalCommand.facts(data, result), run)
                .json();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void fieldsComeInTheReportsOrder() throws Exception {
        JsonNode report = json.readTree(finalRunJson());

        assertEquals(
                List.of(
                        "evaluation",
                        "dataset",
                        "split",
                        "fittedOn",
                        "k",
                        "protocol",
                        "bootstrap",
                        "baselines",
                        "selectedOnValidation",
                        "validation",
                        "comparisons",
                        "data",
                        "run",
                        "userFields",
                        "users"),
                fieldNames(report));
        assertEquals(List.of("confidence", "resamples", "seed"), fieldNames(report.path("bootstrap")));
        assertEquals(200, report.path("bootstrap").path("resamples").asInt());
        JsonNode popularity = report.path("baselines").get(0);
        assertEquals(List.of("key", "name", "description", "HR@2", "NDCG@2"), fieldNames(popularity));
        assertEquals(List.of("mean", "lower", "upper", "n"), fieldNames(popularity.path("HR@2")));
        assertEquals(0.75, popularity.path("HR@2").path("mean").asDouble(), 1e-12);
        assertEquals(
                List.of("key", "HR@2", "NDCG@2"),
                fieldNames(report.path("validation").get(0)));
        JsonNode comparison = report.path("comparisons").get(0);
        assertEquals(List.of("baseline", "against", "HR@2", "NDCG@2"), fieldNames(comparison));
        assertEquals("popularity", comparison.path("against").asText());
        assertEquals(
                List.of("meanBaseline", "meanAgainst", "difference", "better", "worse", "equal"),
                fieldNames(comparison.path("NDCG@2")));
        assertEquals(
                List.of("mean", "lower", "upper", "n"),
                fieldNames(comparison.path("NDCG@2").path("difference")));
        assertEquals("4", report.path("data").path("users (all evaluated)").asText());
        assertEquals(List.of("command", "seconds"), fieldNames(report.path("run")));
    }

    @Test
    void theHeadIsPrettyAndEveryUserACompactLine() throws Exception {
        String text = finalRunJson();
        JsonNode users = json.readTree(text).path("users");

        assertTrue(
                text.startsWith("{\n  \"evaluation\" : \"rec-eval\",\n  \"dataset\" : \"amazon-scientific\",\n"), text);
        assertTrue(text.contains("\n  \"baselines\" : [ {\n    \"key\" : \"popularity\",\n"), text);
        int start = text.indexOf("\n  \"users\" : [\n") + "\n  \"users\" : [\n".length();
        assertTrue(text.endsWith("\n  ]\n}\n"), text);
        String[] lines =
                text.substring(start, text.length() - "\n  ]\n}\n".length()).split("\n");
        assertEquals(4, lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            assertTrue(line.startsWith("    {\"user\":\"u" + i + "\",\"target\":"), line);
            assertFalse(line.contains(" :") || line.contains(", "), "compact: " + line);
            String value = line.strip();
            JsonNode user = json.readTree(i + 1 < lines.length ? value.substring(0, value.length() - 1) : value);
            assertEquals(users.get(i), user);
            assertEquals(
                    List.of("user", "target", "history", "popularity", "cooc-count", "cooc-conditional", "cooc-cosine"),
                    fieldNames(user));
            assertEquals(List.of("rank", "hit", "ndcg"), fieldNames(user.path("popularity")));
            assertTrue(user.path("popularity").path("hit").isInt(), line);
        }
        assertEquals(2, users.get(2).path("popularity").path("rank").asInt());
    }

    @Test
    void aValidationRunHasNoSelectionOrValidationTable() throws Exception {
        Result result = evaluation.run(false);
        JsonNode report = json.readTree(new RecReport(result, null, data, bootstrap, Map.of(), Map.of()).json());

        assertEquals("valid", report.path("split").asText());
        assertEquals("train", report.path("fittedOn").asText());
        assertFalse(report.has("selectedOnValidation") || report.has("validation"));
        assertEquals(4, report.path("users").size());
    }
}
