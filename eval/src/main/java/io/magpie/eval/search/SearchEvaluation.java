package io.magpie.eval.search;

import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.http.GatewayClient.SearchAnswer;
import io.magpie.eval.http.HttpStatusException;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Metric;
import io.magpie.eval.metrics.Relevance;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs every ESCI query through the gateway for each strategy, scores each answer and summarises: means with
 * bootstrap intervals over all queries of the set (a failed search is an empty ranking and scores 0), and a paired
 * comparison of two strategies.
 */
public final class SearchEvaluation {

    /** The metrics of the ESCI protocol ({@code ../shared/datasets/README.md}), in report column order. */
    public static final List<Metric> ESCI_METRICS = List.of(
            Metric.ndcg(10), Metric.recall(100), Metric.reciprocalRank(100).named("MRR"));

    /** What the evaluation needs of a gateway; {@link GatewayClient#search} in production. */
    @FunctionalInterface
    public interface Searcher {
        SearchAnswer search(String query, int size, String sources, String fusion)
                throws IOException, InterruptedException;
    }

    private final Searcher searcher;
    private final EsciJudgements judgements;
    private final List<Metric> metrics;
    private final Bootstrap bootstrap;
    private final int size;
    private final int concurrency;

    public SearchEvaluation(
            Searcher searcher,
            EsciJudgements judgements,
            List<Metric> metrics,
            Bootstrap bootstrap,
            int size,
            int concurrency) {
        this.searcher = searcher;
        this.judgements = judgements;
        this.metrics = List.copyOf(metrics);
        this.bootstrap = bootstrap;
        this.size = size;
        this.concurrency = Math.max(1, concurrency);
    }

    /**
     * Measures the strategies in order, telling {@code progress} about each, and, when {@code compare} is not null,
     * compares {@code compare[0]} (A) with {@code compare[1]} (B), listing the {@code mostChanged} queries.
     */
    public SearchReport run(
            List<SearchStrategy> strategies,
            String[] compare,
            String gateway,
            String dataset,
            int mostChanged,
            Consumer<SearchReport.StrategyResult> progress)
            throws InterruptedException {
        List<SearchReport.StrategyResult> results = new ArrayList<>();
        for (SearchStrategy strategy : strategies) {
            SearchReport.StrategyResult result = measure(strategy);
            progress.accept(result);
            results.add(result);
        }
        SearchReport.Comparison comparison =
                compare == null ? null : compare(results, compare[0], compare[1], mostChanged);
        return new SearchReport(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                gateway,
                dataset,
                size,
                protocol(),
                results,
                comparison);
    }

    SearchReport.Protocol protocol() {
        return new SearchReport.Protocol(
                "E = 1, S = 0.1, C = 0.01, I = 0, unjudged = 0",
                "E (exact) products",
                metrics.stream().map(Metric::name).toList(),
                "all " + judgements.queries().size() + " queries of the set; a failed or empty search scores 0",
                bootstrap.resamples(),
                bootstrap.seed(),
                bootstrap.confidence());
    }

    /** One strategy over all queries; unavailable when the gateway refuses its first search with 400. */
    public SearchReport.StrategyResult measure(SearchStrategy strategy) throws InterruptedException {
        List<String> queries = judgements.queries();
        long start = System.nanoTime();
        if (queries.isEmpty()) {
            throw new IllegalStateException("the data set has no queries");
        }
        List<SearchReport.QueryResult> perQuery = new ArrayList<>();
        SearchReport.QueryResult first;
        try {
            first = score(
                    queries.get(0), searcher.search(queries.get(0), size, strategy.sources(), strategy.fusion()), null);
        } catch (HttpStatusException e) {
            if (e.status() == 400) {
                return new SearchReport.StrategyResult(
                        strategy.name(),
                        strategy.sources(),
                        strategy.fusion(),
                        strategy.description(),
                        false,
                        e.detail(),
                        0,
                        0,
                        0.0,
                        Map.of(),
                        List.of());
            }
            first = score(queries.get(0), null, describe(e));
        } catch (IOException e) {
            first = score(queries.get(0), null, describe(e));
        }
        perQuery.add(first);
        perQuery.addAll(searchAll(strategy, queries.subList(1, queries.size())));

        Map<String, Bootstrap.Estimate> means = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            means.put(metric.name(), bootstrap.mean(values(perQuery, metric.name())));
        }
        int failed = (int) perQuery.stream().filter(q -> q.error() != null).count();
        int degraded =
                (int) perQuery.stream().filter(q -> !q.degraded().isEmpty()).count();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new SearchReport.StrategyResult(
                strategy.name(),
                strategy.sources(),
                strategy.fusion(),
                strategy.description(),
                true,
                null,
                failed,
                degraded,
                seconds,
                means,
                List.copyOf(perQuery));
    }

    private List<SearchReport.QueryResult> searchAll(SearchStrategy strategy, List<String> queries)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<SearchReport.QueryResult>> futures = new ArrayList<>();
            for (String query : queries) {
                futures.add(pool.submit(() -> {
                    try {
                        return score(query, searcher.search(query, size, strategy.sources(), strategy.fusion()), null);
                    } catch (IOException e) {
                        return score(query, null, describe(e));
                    }
                }));
            }
            List<SearchReport.QueryResult> results = new ArrayList<>();
            for (Future<SearchReport.QueryResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("scoring failed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Scores one answer; a failed search (answer null) is an empty ranking. */
    private SearchReport.QueryResult score(String query, SearchAnswer answer, String error) {
        List<String> ranking = answer == null ? List.of() : answer.ids();
        Relevance relevance = judgements.relevance(query);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            scores.put(metric.name(), metric.score(ranking, relevance));
        }
        return new SearchReport.QueryResult(
                query,
                ranking.size(),
                List.copyOf(ranking.subList(0, Math.min(SearchReport.QueryResult.TOP_IDS, ranking.size()))),
                answer == null ? List.of() : answer.degraded(),
                error,
                scores);
    }

    /** A paired comparison of A against B for every metric, or a note saying why there is none. */
    SearchReport.Comparison compare(List<SearchReport.StrategyResult> results, String a, String b, int top) {
        SearchReport.StrategyResult resultA =
                results.stream().filter(r -> r.name().equals(a)).findFirst().orElse(null);
        SearchReport.StrategyResult resultB =
                results.stream().filter(r -> r.name().equals(b)).findFirst().orElse(null);
        String note = null;
        if (resultA == null || resultB == null) {
            note = "not measured: " + (resultA == null ? a : b);
        } else if (!resultA.available() || !resultB.available()) {
            note = "unavailable: " + (!resultA.available() ? a : b);
        }
        if (note != null) {
            return new SearchReport.Comparison(a, b, note, Map.of());
        }
        List<String> ids =
                resultA.queries().stream().map(SearchReport.QueryResult::query).toList();
        if (!ids.equals(
                resultB.queries().stream().map(SearchReport.QueryResult::query).toList())) {
            throw new IllegalStateException(a + " and " + b + " were measured on different queries");
        }
        Map<String, Bootstrap.Comparison> byMetric = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            byMetric.put(
                    metric.name(),
                    bootstrap.paired(
                            ids,
                            values(resultA.queries(), metric.name()),
                            values(resultB.queries(), metric.name()),
                            top));
        }
        return new SearchReport.Comparison(a, b, null, byMetric);
    }

    private static double[] values(List<SearchReport.QueryResult> queries, String metric) {
        return queries.stream().mapToDouble(q -> q.scores().get(metric)).toArray();
    }

    /** Never null, unlike some exceptions' messages (a refused connection has none). */
    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }
}
