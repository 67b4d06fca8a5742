package io.magpie.eval.esci;

import io.magpie.eval.metrics.EsciGains;
import io.magpie.eval.metrics.Relevance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queries of the ESCI subset and their human judgements ({@code queries.tsv}, {@code labels.tsv}).
 *
 * @param queries the queries, in file order
 * @param labels  per query, product id to ESCI label (E, S, C or I)
 */
public record EsciJudgements(List<String> queries, Map<String, Map<String, String>> labels) {

    public static EsciJudgements read(Path dataset) throws IOException {
        List<String> queries = Files.readAllLines(dataset.resolve("queries.tsv"), StandardCharsets.UTF_8).stream()
                .skip(1)
                .filter(q -> !q.isBlank())
                .toList();
        Map<String, Map<String, String>> labels = new HashMap<>();
        for (String line : Files.readAllLines(dataset.resolve("labels.tsv"), StandardCharsets.UTF_8).stream()
                .skip(1)
                .toList()) {
            String[] columns = line.split("\t");
            if (columns.length >= 3) {
                labels.computeIfAbsent(columns[0], q -> new HashMap<>()).put(columns[1], columns[2]);
            }
        }
        return new EsciJudgements(queries, labels);
    }

    /** The query's judgements with the ESCI gains (E = 1, S = 0.1, C = 0.01, I = 0); relevant = E. */
    public Relevance relevance(String query) {
        return EsciGains.relevance(labels.getOrDefault(query, Map.of()));
    }
}
