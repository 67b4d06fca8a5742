package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.eval.esci.EsciJudgements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuse requests the platform's search path builds for labelled queries (so training sees exactly what serving
 * computes), and the training examples made of them.
 *
 * @param byQuery  each query's fuse request
 * @param degraded queries whose capture still had a failed source after two retries
 */
record CapturedRequests(Map<String, JsonNode> byQuery, int degraded) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Captures every query's request (retrying a degraded one twice), printing progress every tenth query. */
    static CapturedRequests capture(FusionPlatform platform, List<String> queries, int depth, int size, String command)
            throws IOException, InterruptedException {
        Map<String, JsonNode> captured = new LinkedHashMap<>();
        int degraded = 0;
        for (int q = 0; q < queries.size(); q++) {
            JsonNode capture = platform.capture(queries.get(q), depth, size);
            for (int attempt = 0; attempt < 2 && !capture.path("degraded").isEmpty(); attempt++) {
                capture = platform.capture(queries.get(q), depth, size);
            }
            if (!capture.path("degraded").isEmpty()) {
                degraded++;
            }
            captured.put(queries.get(q), capture.path("request"));
            if ((q + 1) % 10 == 0 || q + 1 == queries.size()) {
                System.err.printf("%s: captured %d of %d fuse requests%n", command, q + 1, queries.size());
            }
        }
        return new CapturedRequests(captured, degraded);
    }

    /**
     * Written as {@code {"degraded": n, "requests": {query: request}}}, so later runs can reuse the same candidates
     * ({@link #read}) without capturing again.
     */
    void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("degraded", degraded);
        ObjectNode requests = root.putObject("requests");
        byQuery.forEach(requests::set);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    /**
     * Captures written by {@link #write}, for exactly the given queries.
     *
     * @throws IllegalArgumentException when the file lacks one of the queries (captured for another data set)
     */
    static CapturedRequests read(Path file, List<String> queries) throws IOException {
        JsonNode requests = JSON.readTree(file.toFile()).path("requests");
        Map<String, JsonNode> byQuery = new LinkedHashMap<>();
        for (String query : queries) {
            JsonNode request = requests.get(query);
            if (request == null || !request.isObject()) {
                throw new IllegalArgumentException(file + " holds no captured request for the query '" + query + "'");
            }
            byQuery.put(query, request);
        }
        return new CapturedRequests(
                byQuery, JSON.readTree(file.toFile()).path("degraded").asInt());
    }

    /** {@code [{request, labels}]} of the queries, labels as training grades. */
    ArrayNode examples(List<String> queries, EsciJudgements judgements) {
        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        for (String query : queries) {
            grades.put(query, TrainingGrades.of(judgements.labels().getOrDefault(query, Map.of())));
        }
        return examples(queries, grades);
    }

    /** {@code [{request, labels}]} of the queries with the given grades per query and product id. */
    ArrayNode examples(List<String> queries, Map<String, Map<String, Integer>> grades) {
        ArrayNode examples = JSON.createArrayNode();
        for (String query : queries) {
            ObjectNode example = examples.addObject();
            example.set("request", byQuery.get(query));
            example.set("labels", JSON.valueToTree(grades.getOrDefault(query, Map.of())));
        }
        return examples;
    }
}
