package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.search.SearchReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed strategies and single sources of an earlier fusion-eval report, read back instead of searched again:
 * they depend neither on the outer split nor on any model, so a run over the same captured requests (the same
 * stack's candidates) can compare new learned rows with them without a running stack.
 */
final class FixedFromReport {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private FixedFromReport() {}

    /**
     * The report's rows that are not learned ({@code fusion} other than {@code model}), in its order.
     *
     * @throws IllegalArgumentException when the report's queries are not {@code queries}, in that order
     */
    static List<SearchReport.StrategyResult> read(Path report, List<String> queries) throws IOException {
        JsonNode root = JSON.readTree(report.toFile());
        List<SearchReport.StrategyResult> fixed = new ArrayList<>();
        for (JsonNode strategy : root.path("strategies")) {
            if ("model".equals(strategy.path("fusion").asText())) {
                continue;
            }
            SearchReport.StrategyResult result = JSON.treeToValue(strategy, SearchReport.StrategyResult.class);
            List<String> reported = result.queries().stream()
                    .map(SearchReport.QueryResult::query)
                    .toList();
            if (!reported.equals(queries)) {
                throw new IllegalArgumentException(report + ": strategy " + result.name()
                        + " was measured on other queries (or in another order) than this data set's");
            }
            fixed.add(result);
        }
        if (fixed.isEmpty()) {
            throw new IllegalArgumentException(report + " has no fixed strategy");
        }
        return fixed;
    }
}
