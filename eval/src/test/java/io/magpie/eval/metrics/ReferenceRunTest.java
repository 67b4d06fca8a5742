package io.magpie.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.magpie.eval.esci.EsciJudgements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metric code against the data set's reference BM25 run: it must give exactly the published figures
 * ({@code ../shared/datasets/README.md}). Skipped when the data set is absent.
 */
class ReferenceRunTest {

    private static Path dataset;
    private static EsciJudgements judgements;
    private static Map<String, List<String>> run;

    @BeforeAll
    static void readDataSet() throws IOException {
        Path root = Path.of(System.getProperty("magpie.root", ".."));
        dataset = root.resolve("../shared/datasets/esci-subset").normalize();
        if (Files.isRegularFile(dataset.resolve("reference-bm25.run"))
                && Files.isRegularFile(dataset.resolve("labels.tsv"))) {
            judgements = EsciJudgements.read(dataset);
            run = readRun(dataset.resolve("reference-bm25.run"));
        }
    }

    @BeforeEach
    void needsTheDataSet() {
        Assumptions.assumeTrue(
                judgements != null,
                () -> "ESCI data set not found at " + dataset.toAbsolutePath()
                        + " (reference-bm25.run, labels.tsv): skipping the reference-figure test; "
                        + "see ../shared/datasets/README.md to obtain it");
    }

    /** query, product_id, rank (tab-separated): per query the ids ordered by rank. */
    private static Map<String, List<String>> readRun(Path file) throws IOException {
        Map<String, TreeMap<Integer, String>> byRank = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t");
            byRank.computeIfAbsent(columns[0], q -> new TreeMap<>())
                    .put(Integer.parseInt(columns[2].strip()), columns[1]);
        }
        Map<String, List<String>> rankings = new HashMap<>();
        byRank.forEach((query, ranks) -> rankings.put(query, new ArrayList<>(ranks.values())));
        return rankings;
    }

    private static double mean(Metric metric, boolean onlyQueriesInRun) {
        double sum = 0;
        int n = 0;
        for (String query : judgements.queries()) {
            List<String> ranking = run.get(query);
            if (ranking == null && onlyQueriesInRun) {
                continue;
            }
            sum += metric.score(ranking == null ? List.of() : ranking, judgements.relevance(query));
            n++;
        }
        return sum / n;
    }

    private static String f4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    @Test
    void reproducesThePublishedFiguresOverAllHundredQueries() {
        assertEquals(100, judgements.queries().size());
        assertEquals("0.6166", f4(mean(Metric.ndcg(10), false)));
        assertEquals("0.8619", f4(mean(Metric.recall(100), false)));
        assertEquals("0.7651", f4(mean(Metric.reciprocalRank(100), false)));
    }

    @Test
    void trecEvalsDefaultOfSkippingQueriesWithoutResultsWouldNot() {
        // One query ("firestick") has no line in the run: trec_eval without -c would average over 99 queries.
        assertEquals(99, run.size());
        assertNotEquals("0.6166", f4(mean(Metric.ndcg(10), true)));
        assertEquals("0.6229", f4(mean(Metric.ndcg(10), true)));
    }
}
