package io.magpie.eval.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.http.GatewayClient.SearchAnswer;
import io.magpie.eval.http.HttpStatusException;
import io.magpie.eval.metrics.Bootstrap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation against a fake gateway: no network. */
class SearchEvaluationTest {

    /** Three queries; each has one exact product "<query>-E" and one substitute "<query>-S". */
    static final EsciJudgements JUDGEMENTS = new EsciJudgements(
            List.of("paper towels", "a <b> & \"c\"", "binder"),
            Map.of(
                    "paper towels",
                    Map.of("paper towels-E", "E", "paper towels-S", "S"),
                    "a <b> & \"c\"",
                    Map.of("a <b> & \"c\"-E", "E", "a <b> & \"c\"-S", "S"),
                    "binder",
                    Map.of("binder-E", "E", "binder-S", "S")));

    static final SearchStrategy PERFECT = new SearchStrategy("perfect", "lexical", null, "E first");
    static final SearchStrategy SUBSTITUTES = new SearchStrategy("substitutes", "dense", null, "S first, then E");
    static final SearchStrategy REFUSED = new SearchStrategy("weighted", "dense,lexical,graph", "weighted", "new");
    static final SearchStrategy FLAKY = new SearchStrategy("flaky", "graph", null, "fails on binder");

    /** A gateway that answers by the strategy's sources, and refuses the fusion strategy "weighted". */
    static SearchAnswer fakeGateway(String query, int size, String sources, String fusion) throws IOException {
        if ("weighted".equals(fusion)) {
            throw new HttpStatusException(
                    "GET /api/v1/search",
                    400,
                    "{\"status\":400,\"detail\":\"strategy: unknown strategy 'weighted'; known: [rrf]\"}");
        }
        return switch (sources) {
            case "lexical" -> new SearchAnswer(List.of(query + "-E", query + "-S", "unjudged"), List.of());
            case "dense" -> new SearchAnswer(List.of(query + "-S", query + "-E"), List.of("graph"));
            default -> {
                if (query.equals("binder")) {
                    throw new HttpStatusException("GET /api/v1/search", 503, "{}");
                }
                yield new SearchAnswer(List.of(query + "-E"), List.of());
            }
        };
    }

    static SearchReport report(String a, String b) throws InterruptedException {
        SearchEvaluation evaluation = new SearchEvaluation(
                SearchEvaluationTest::fakeGateway,
                JUDGEMENTS,
                SearchEvaluation.ESCI_METRICS,
                new Bootstrap(1000, 5, 0.95),
                100,
                2);
        List<String> seen = new ArrayList<>();
        SearchReport report = evaluation.run(
                List.of(PERFECT, SUBSTITUTES, REFUSED, FLAKY),
                new String[] {a, b},
                "http://fake",
                "fake-data",
                10,
                result -> seen.add(result.name()));
        assertEquals(List.of("perfect", "substitutes", "weighted", "flaky"), seen);
        return report;
    }

    @Test
    void scoresEveryQueryOfEveryStrategy() throws Exception {
        SearchReport report = report("perfect", "substitutes");

        SearchReport.StrategyResult perfect = report.strategy("perfect").orElseThrow();
        assertTrue(perfect.available());
        assertEquals(3, perfect.queries().size());
        assertEquals(
                List.of("NDCG@10", "Recall@100", "MRR"),
                List.copyOf(perfect.means().keySet()));
        assertEquals(1.0, perfect.means().get("NDCG@10").mean(), 1e-12);
        assertEquals(1.0, perfect.means().get("MRR").mean(), 1e-12);
        assertEquals(0, perfect.failedQueries());
        assertEquals(
                List.of("paper towels-E", "paper towels-S", "unjudged"),
                perfect.queries().get(0).top());
        assertEquals(3, perfect.queries().get(0).returned());

        SearchReport.StrategyResult substitutes = report.strategy("substitutes").orElseThrow();
        assertEquals(0.5, substitutes.means().get("MRR").mean(), 1e-12);
        assertEquals(1.0, substitutes.means().get("Recall@100").mean(), 1e-12);
        // DCG = 0.1 + 1 / log2(3), IDCG = 1 + 0.1 / log2(3)
        double log2of3 = Math.log(3) / Math.log(2);
        assertEquals(
                (0.1 + 1 / log2of3) / (1 + 0.1 / log2of3),
                substitutes.means().get("NDCG@10").mean(),
                1e-12);
        assertEquals(3, substitutes.degradedQueries());
        assertEquals(
                List.of("paper towels", "a <b> & \"c\"", "binder"),
                substitutes.queries().stream()
                        .map(SearchReport.QueryResult::query)
                        .toList());
    }

    @Test
    void aStrategyTheGatewayRefusesIsUnavailableNotACrash() throws Exception {
        SearchReport.StrategyResult refused =
                report("perfect", "substitutes").strategy("weighted").orElseThrow();

        assertFalse(refused.available());
        assertEquals("strategy: unknown strategy 'weighted'; known: [rrf]", refused.unavailableReason());
        assertTrue(refused.queries().isEmpty());
    }

    @Test
    void aFailedSearchIsAnEmptyRankingThatCountsAsZero() throws Exception {
        SearchReport.StrategyResult flaky =
                report("perfect", "substitutes").strategy("flaky").orElseThrow();

        assertTrue(flaky.available());
        assertEquals(1, flaky.failedQueries());
        SearchReport.QueryResult binder = flaky.queries().get(2);
        assertEquals("binder", binder.query());
        assertEquals(0, binder.returned());
        assertTrue(binder.error().contains("503"));
        assertEquals(0.0, binder.scores().get("NDCG@10"));
        assertEquals(2.0 / 3, flaky.means().get("MRR").mean(), 1e-12);
        assertEquals(3, flaky.means().get("MRR").n());
    }

    @Test
    void comparesTwoStrategiesPerQuery() throws Exception {
        SearchReport.Comparison c = report("perfect", "substitutes").comparison();

        assertNull(c.note());
        assertEquals("perfect", c.a());
        var mrr = c.metrics().get("MRR");
        assertEquals(0.5, mrr.difference().mean(), 1e-12);
        assertEquals(0.5, mrr.difference().lower(), 1e-12);
        assertEquals(3, mrr.wins());
        assertEquals(0, mrr.losses());
        assertEquals(3, c.metrics().get("Recall@100").ties());
    }

    @Test
    void noComparisonWithAnUnavailableOrUnmeasuredStrategy() throws Exception {
        assertEquals(
                "unavailable: weighted",
                report("weighted", "perfect").comparison().note());
        assertEquals("not measured: rrf", report("rrf", "perfect").comparison().note());
    }

    @Test
    void theCatalogueListsEveryStrategyOnce() {
        List<String> names =
                SearchStrategy.CATALOGUE.stream().map(SearchStrategy::name).toList();
        assertEquals(List.of("lexical", "dense", "graph", "text-rrf", "rrf", "weighted", "max"), names);
        assertEquals(
                "dense,lexical,graph",
                SearchStrategy.byName("rrf").orElseThrow().sources());
        assertEquals("rrf", SearchStrategy.byName("rrf").orElseThrow().fusion());
        assertNull(SearchStrategy.byName("lexical").orElseThrow().fusion());
        assertTrue(SearchStrategy.byName("nope").isEmpty());
        // the storefront's ranking is asked for by name, and is no fixed strategy of the catalogue
        assertEquals(
                SearchStrategy.STOREFRONT, SearchStrategy.byName("storefront").orElseThrow());
        assertNull(SearchStrategy.STOREFRONT.fusion());
        assertTrue(SearchStrategy.names().endsWith(", storefront"), SearchStrategy.names());
    }
}
