package io.magpie.eval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.metrics.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    private static final List<String> METRICS = List.of("NDCG@10", "Recall@100", "MRR");

    private static SearchReport.StrategyResult strategy(String name, double... perQuery) {
        List<String> queries = List.of("paper towels", "a <b> & \"c\"", "1/2 inch | binder");
        List<SearchReport.QueryResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String m : METRICS) {
                scores.put(m, perQuery[i]);
            }
            results.add(new SearchReport.QueryResult(queries.get(i), 100, List.of("id" + i), List.of(), null, scores));
        }
        Map<String, Bootstrap.Estimate> means = new LinkedHashMap<>();
        double mean = (perQuery[0] + perQuery[1] + perQuery[2]) / 3;
        METRICS.forEach(m -> means.put(m, new Bootstrap.Estimate(mean, mean - 0.1, mean + 0.1, 3)));
        return new SearchReport.StrategyResult(
                name, name, name.equals("rrf") ? "rrf" : null, name + " only", true, null, 0, 1, 1.5, means, results);
    }

    private static SearchReport sample() {
        SearchReport.StrategyResult rrf = strategy("rrf", 0.9, 0.5, 0.25);
        SearchReport.StrategyResult lexical = strategy("lexical", 0.6, 0.5, 0.75);
        SearchReport.StrategyResult weighted = new SearchReport.StrategyResult(
                "weighted",
                "dense,lexical,graph",
                "weighted",
                "weighted fusion",
                false,
                "strategy: unknown strategy 'weighted'; known: [rrf]",
                0,
                0,
                0,
                Map.of(),
                List.of());
        Bootstrap bootstrap = new Bootstrap(100, 1, 0.95);
        Map<String, Bootstrap.Comparison> comparisons = new LinkedHashMap<>();
        List<String> ids =
                rrf.queries().stream().map(SearchReport.QueryResult::query).toList();
        METRICS.forEach(m -> comparisons.put(
                m, bootstrap.paired(ids, new double[] {0.9, 0.5, 0.25}, new double[] {0.6, 0.5, 0.75}, 10)));
        return new SearchReport(
                "2026-01-01T00:00:00Z",
                "http://127.0.0.1:8080",
                "esci",
                100,
                new SearchReport.Protocol(
                        "E = 1, S = 0.1, C = 0.01, I = 0", "E", METRICS, "all 3 queries", 100, 1, 0.95),
                List.of(lexical, rrf, weighted),
                new SearchReport.Comparison("rrf", "lexical", null, comparisons));
    }

    @Test
    void markdownHasTheTableAndTheComparison() {
        String md = MarkdownReport.render(sample());

        assertTrue(
                md.contains(
                        "| strategy | sources | fusion | NDCG@10 [95% CI] | Recall@100 [95% CI] " + "| MRR [95% CI] |"),
                md);
        assertTrue(md.contains("| rrf | rrf | rrf | 0.5500 [0.4500, 0.6500] |"), md);
        assertTrue(md.contains("`weighted` (weighted fusion): unavailable"), md);
        assertTrue(md.contains("## rrf vs lexical"), md);
        assertTrue(md.contains("| NDCG@10 | 0.5500 | 0.6167 | -0.0667 ["), md);
        assertTrue(md.contains("| 1/2 inch \\| binder | 0.2500 | 0.7500 | -0.5000 |"), md);
    }

    @Test
    void htmlIsOnePageWithInlineSvgBarsAndAScatterWithQueryTitles() {
        String html = HtmlReport.render(sample());

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(4, html.split("<svg ", -1).length - 1, "three bar charts and one scatter");
        assertTrue(html.contains("stroke-dasharray"), "the diagonal");
        assertTrue(html.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;: rrf 0.5000, lexical 0.5000</title>"), html);
        assertTrue(html.contains("unavailable: strategy: unknown strategy &#39;weighted&#39;"), html);
        assertFalse(html.contains("<b>"), "query text is escaped");
        assertFalse(html.contains("src=") || html.contains("href="), "nothing is fetched");
    }

    @Test
    void textTableListsAvailableStrategiesAndTheComparison() {
        String text = TextReport.render(sample());

        assertTrue(text.lines().anyMatch(l -> l.startsWith("rrf ") && l.contains("0.5500 [0.4500, 0.6500]")), text);
        assertTrue(text.contains("weighted: unavailable (strategy: unknown strategy 'weighted'; known: [rrf])"), text);
        assertTrue(text.contains("rrf better on 1, worse on 1, equal on 1 queries"), text);
    }

    @Test
    void writesTheThreeFilesWithPerQueryFiguresInTheJson(@TempDir Path folder) throws Exception {
        List<Path> files = ReportFiles.write(sample(), folder.resolve("docs/eval"), "search-esci");

        assertEquals(
                List.of("search-esci.json", "search-esci.md", "search-esci.html"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        JsonNode json = new ObjectMapper().readTree(Files.readString(files.get(0)));
        assertEquals(3, json.path("strategies").size());
        assertEquals(
                0.9,
                json.path("strategies")
                        .get(1)
                        .path("queries")
                        .get(0)
                        .path("scores")
                        .path("NDCG@10")
                        .asDouble());
        assertEquals(
                0.55,
                json.path("strategies")
                        .get(1)
                        .path("means")
                        .path("MRR")
                        .path("mean")
                        .asDouble(),
                1e-12);
        assertFalse(json.path("strategies").get(2).path("available").asBoolean());
        assertEquals(
                1,
                json.path("comparison")
                        .path("metrics")
                        .path("NDCG@10")
                        .path("wins")
                        .asInt());
    }
}
