package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Folds;
import io.magpie.eval.metrics.Metric;
import io.magpie.eval.metrics.Relevance;
import io.magpie.eval.search.SearchReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Learned fusion k-fold by query through the platform: for each fold, train a version on examples of the other
 * folds' queries (fusion-service's admin endpoint), then rank each of the fold's queries with that version: the
 * query's captured fuse request (exactly what the gateway sends for it) is sent to fusion-service's {@code /v1/fuse}
 * naming the version, so every query is scored by a model that never saw it, on the same candidates it was
 * captured with (no second retrieval, no encoder call per model). What the examples' labels are (judgements,
 * simulated clicks) is the caller's.
 */
final class FoldedTraining {

    /**
     * @param byQuery  each query's scores, by the model of the fold that held it out
     * @param folds    per fold: its model, training figures and sizes
     * @param seconds  training and searching, all folds
     */
    record Outcome(Map<String, SearchReport.QueryResult> byQuery, List<Map<String, Object>> folds, double seconds) {

        /** The outcome as a report row over {@code queries}, in their order. */
        SearchReport.StrategyResult row(
                String name, String description, List<String> queries, Bootstrap bootstrap, List<Metric> metrics) {
            List<SearchReport.QueryResult> ordered =
                    queries.stream().map(byQuery::get).toList();
            Map<String, Bootstrap.Estimate> means = new LinkedHashMap<>();
            for (Metric metric : metrics) {
                means.put(metric.name(), bootstrap.mean(values(ordered, metric.name())));
            }
            return new SearchReport.StrategyResult(
                    name,
                    "dense,lexical,graph",
                    "model",
                    description,
                    true,
                    null,
                    (int) ordered.stream().filter(q -> q.error() != null).count(),
                    0,
                    seconds,
                    means,
                    ordered);
        }
    }

    private final FusionPlatform platform;
    private final CapturedRequests captured;
    private final EsciJudgements judgements;
    private final List<Metric> metrics;

    FoldedTraining(
            FusionPlatform platform, CapturedRequests captured, EsciJudgements judgements, List<Metric> metrics) {
        this.platform = platform;
        this.captured = captured;
        this.judgements = judgements;
        this.metrics = metrics;
    }

    /**
     * @param variant  a LambdaMART variant name (null: fusion-service's default)
     * @param examples a fold's training examples ({@code [{request, labels}]})
     * @param note     what the versions are trained on, before the fold's number
     */
    Outcome run(
            ModelKind kind,
            String variant,
            Folds<String> folds,
            Function<Folds.Fold<String>, ArrayNode> examples,
            String note)
            throws IOException, InterruptedException {
        return run(kind, variant, null, folds, examples, note);
    }

    /** As above; {@code bagged}: a bagged LambdaMART version or not (null: fusion-service's default). */
    Outcome run(
            ModelKind kind,
            String variant,
            Boolean bagged,
            Folds<String> folds,
            Function<Folds.Fold<String>, ArrayNode> examples,
            String note)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Map<String, SearchReport.QueryResult> byQuery = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Folds.Fold<String> fold : folds.folds()) {
            JsonNode model = platform.train(
                    kind,
                    variant,
                    bagged,
                    examples.apply(fold),
                    note + ", fold " + fold.index() + " held out: trained on "
                            + fold.train().size() + " queries");
            String version = model.path("model").asText();
            System.err.printf(
                    Locale.ROOT,
                    "  fold %d: trained %s%s on %d queries (%s %s, validation NDCG@10 %.4f)%n",
                    fold.index(),
                    version,
                    (variant == null ? "" : " (" + variant + ")") + (Boolean.TRUE.equals(bagged) ? " bagged" : ""),
                    fold.train().size(),
                    kind.stepsMetric(),
                    model.path("metrics").path(kind.stepsMetric()).asText(),
                    model.path("metrics").path(kind.validationMetric()).asDouble());
            for (String query : fold.test()) {
                List<String> ranking = List.of();
                String error = null;
                try {
                    ranking = platform.fuse(captured.byQuery().get(query), "model", version);
                } catch (IOException e) {
                    error = e.getMessage();
                }
                byQuery.put(query, score(query, ranking, error, judgements.relevance(query)));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fold", fold.index());
            row.put("trainQueries", fold.train().size());
            row.put("testQueries", fold.test().size());
            row.put("model", version);
            row.put("variant", model.path("parameters").path("variant").asText(""));
            row.put("training", model.path("metrics"));
            rows.add(row);
        }
        return new Outcome(byQuery, rows, (System.nanoTime() - start) / 1e9);
    }

    private SearchReport.QueryResult score(String query, List<String> ranking, String error, Relevance relevance) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            scores.put(metric.name(), metric.score(ranking, relevance));
        }
        return new SearchReport.QueryResult(
                query,
                ranking.size(),
                List.copyOf(ranking.subList(0, Math.min(SearchReport.QueryResult.TOP_IDS, ranking.size()))),
                List.of(),
                error,
                scores);
    }

    static double[] values(List<SearchReport.QueryResult> queries, String metric) {
        return queries.stream().mapToDouble(q -> q.scores().get(metric)).toArray();
    }
}
