package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.eval.cli.BootstrapOptions;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Folds;
import io.magpie.eval.metrics.Metric;
import io.magpie.eval.search.ReportFiles;
import io.magpie.eval.search.SearchEvaluation;
import io.magpie.eval.search.SearchReport;
import io.magpie.eval.search.SearchStrategy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Learned fusion measured k-fold by query on ESCI: capture every query's fuse request through the gateway's
 * search path (so features are exactly serving's), and for each fold train a version of the chosen kind
 * ({@code --kind}: LambdaMART or the attention model) on the other folds through fusion-service's admin endpoint,
 * then search the fold's queries through the gateway with that version. Every query is scored by a model that
 * never saw it, beside every fixed strategy and single source, with bootstrap intervals, per fold and overall, and
 * a paired comparison with the best fixed strategy.
 */
@Command(
        name = "fusion-eval",
        mixinStandardHelpOptions = true,
        resourceBundle = "io.magpie.eval.fusion.FusionEvalHelp",
        description = "k-fold by query: LambdaMART (or, with --kind attention, attention) fusion trained through the "
                + "platform vs every fixed strategy and single source (NDCG@10, Recall@100, MRR, 95%% bootstrap "
                + "intervals); writes fusion-esci.{json,md} (fusion-esci-attention with --kind attention).")
public class FusionEvalCommand implements Callable<Integer> {

    @Mixin
    GatewayOption gatewayOption;

    @Mixin
    KeyOptions key;

    @Mixin
    FusionTrainingOptions options = new FusionTrainingOptions();

    @Option(names = "--size", defaultValue = "100", description = "results per search (default: ${DEFAULT-VALUE})")
    int size;

    @Mixin
    ReportOptions output = new ReportOptions("docs/eval", null);

    @Mixin
    BootstrapOptions intervals;

    @Option(
            names = "--variants",
            split = ",",
            description = "LambdaMART variants, each measured over all folds side by side (default: fusion-service's "
                    + "magpie.fusion.models.trees.variant); e.g. auto,plain,residual (auto: the best by "
                    + "cross-validation inside each fold's training queries)")
    List<String> variants;

    @Option(
            names = "--save-captures",
            description = "also write the captured fuse requests to this JSON file (reuse them with --captures)")
    Path saveCaptures;

    @Option(
            names = "--captures",
            description = "read the fuse requests from this file (written by --save-captures) instead of capturing "
                    + "them: the learned rows then rank the very candidates of that capture")
    Path captures;

    @Option(
            names = "--bagged",
            split = ",",
            arity = "1",
            paramLabel = "true|false",
            description = "LambdaMART trained bagged (true: the mean of the refit and the inner-fold models, "
                    + "docs/adr/0042) or not (false), each value side by side for every variant, e.g. false,true "
                    + "(default: fusion-service's magpie.fusion.models.trees.bagged)")
    List<Boolean> bagged;

    @Option(
            names = "--fixed-from",
            description = "read the fixed strategies and single sources from this earlier fusion-eval report (JSON) "
                    + "of the same captures instead of searching them through the gateway: with --captures, no "
                    + "stack beyond fusion-service is needed")
    Path fixedFrom;

    @Option(names = "--concurrency", defaultValue = "2", description = "searches in flight (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        Optional<ModelKind> checked = options.checkedKind("");
        if (checked.isEmpty()) {
            return 2;
        }
        ModelKind kind = checked.get();
        URI gateway = gatewayOption.uri();
        Path out = output.folder();
        String name = output.name() != null ? output.name() : kind.defaultReportName();
        EsciJudgements judgements = EsciJudgements.read(options.dataset);
        List<String> queries = judgements.queries();
        String apiKey = key.required();
        FusionPlatform platform = new FusionPlatform(gateway, options.fusion, apiKey);
        Bootstrap bootstrap = intervals.bootstrap();
        List<Metric> metrics = SearchEvaluation.ESCI_METRICS;
        long start = System.nanoTime();

        CapturedRequests capturedRequests;
        if (captures != null) {
            System.err.printf("fusion-eval: reading %d fuse requests from %s%n", queries.size(), captures);
            capturedRequests = CapturedRequests.read(captures, queries);
        } else {
            System.err.printf("fusion-eval: capturing %d fuse requests at depth %d%n", queries.size(), options.depth);
            capturedRequests = CapturedRequests.capture(platform, queries, options.depth, size, "fusion-eval");
        }
        if (saveCaptures != null) {
            capturedRequests.write(saveCaptures);
            System.err.println("fusion-eval: wrote the captured fuse requests to " + saveCaptures);
        }
        Map<String, JsonNode> captured = capturedRequests.byQuery();
        int degradedCaptures = capturedRequests.degraded();
        double[] unionRecall = new double[queries.size()];
        double[] unionSize = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            List<String> union = unionIds(captured.get(queries.get(q)));
            unionSize[q] = union.size();
            unionRecall[q] = Metric.recall(Integer.MAX_VALUE).score(union, judgements.relevance(queries.get(q)));
        }

        List<SearchReport.StrategyResult> results = new ArrayList<>();
        if (fixedFrom != null) {
            System.err.println("fusion-eval: fixed strategies and single sources read from " + fixedFrom);
            results.addAll(FixedFromReport.read(fixedFrom, queries));
        } else {
            System.err.println("fusion-eval: fixed strategies and single sources");
            GatewayClient client = new GatewayClient(gateway, apiKey);
            SearchEvaluation evaluation =
                    new SearchEvaluation(client::search, judgements, metrics, bootstrap, size, concurrency);
            List<SearchStrategy> fixed = new ArrayList<>(SearchStrategy.CATALOGUE);
            fixed.add(SearchStrategy.TEXT_WEIGHTED);
            for (SearchStrategy strategy : fixed) {
                results.add(evaluation.measure(strategy));
            }
        }
        for (SearchReport.StrategyResult result : results) {
            System.err.printf(
                    Locale.ROOT,
                    "  %-14s NDCG@10 %.4f%n",
                    result.name(),
                    result.available() ? result.means().get("NDCG@10").mean() : Double.NaN);
        }

        Folds<String> folds = Folds.split(queries, options.k, options.foldSeed);
        FoldedTraining training = new FoldedTraining(platform, capturedRequests, judgements, metrics);
        List<String> variants = trainedVariants(kind, this.variants);
        List<SearchReport.StrategyResult> learned = new ArrayList<>();
        List<Map<String, Object>> foldRows = new ArrayList<>();
        List<Boolean> baggings = trainedBaggings(kind, this.bagged);
        for (String variant : variants) {
            for (Boolean bagging : baggings) {
                FoldedTraining.Outcome outcome = training.run(
                        kind,
                        variant,
                        bagging,
                        folds,
                        fold -> capturedRequests.examples(fold.train(), judgements),
                        "esci " + options.k + "-fold by query (seed " + options.foldSeed + ")");
                String label = kind.label()
                        + (variant == null || variants.size() == 1 ? "" : ":" + variant)
                        + (bagging == null || baggings.size() == 1 ? "" : bagging ? "+bagged" : "+refit");
                learned.add(outcome.row(
                        label + " (" + options.k + "-fold)",
                        kind.description() + (variant == null ? "" : " (variant " + variant + ")")
                                + (bagging == null ? "" : bagging ? ", bagged" : ", refit only")
                                + ", each query ranked by the fold model that did not train on it",
                        queries,
                        bootstrap,
                        metrics));
                if (foldRows.isEmpty()) {
                    for (Map<String, Object> row : outcome.folds()) {
                        List<String> test = folds.fold((int) row.get("fold")).test();
                        row.put("heldOut", foldMeans(kind, test, outcome.byQuery(), results, bootstrap, metrics));
                        foldRows.add(row);
                    }
                }
            }
        }
        List<SearchReport.StrategyResult> fixedResults = List.copyOf(results);
        results.addAll(learned);
        List<SearchReport.QueryResult> modelQueries = learned.get(0).queries();

        SearchReport.StrategyResult bestFixed = fixedResults.stream()
                .filter(SearchReport.StrategyResult::available)
                .max((a, b) -> Double.compare(
                        a.means().get("NDCG@10").mean(),
                        b.means().get("NDCG@10").mean()))
                .orElseThrow();
        Map<String, Bootstrap.Comparison> paired = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            paired.put(
                    metric.name(),
                    bootstrap.paired(
                            queries,
                            FoldedTraining.values(modelQueries, metric.name()),
                            FoldedTraining.values(bestFixed.queries(), metric.name()),
                            10));
        }
        SearchReport report = new SearchReport(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                gateway.toString(),
                options.dataset.toString(),
                size,
                new SearchReport.Protocol(
                        "E = 1, S = 0.1, C = 0.01, I = 0, unjudged = 0",
                        "E (exact) products",
                        metrics.stream().map(Metric::name).toList(),
                        "all " + queries.size() + " queries; a failed search " + "scores 0; " + kind.label()
                                + " rows: each query by the model of the fold that held it out",
                        bootstrap.resamples(),
                        bootstrap.seed(),
                        bootstrap.confidence()),
                results,
                new SearchReport.Comparison(learned.get(0).name(), bestFixed.name(), null, paired));

        List<Path> written = ReportFiles.write(report, out, name);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("folds", options.k);
        extra.put("foldSeed", options.foldSeed);
        extra.put("depthPerSource", options.depth);
        extra.put("modelKind", kind.label());
        extra.put("trainingGrades", "E = 3, S = 1, C = 0, I = 0 (exponential gain 2^grade - 1)");
        extra.put("bestFixed", bestFixed.name());
        extra.put("unionRecall", bootstrap.mean(unionRecall));
        extra.put("unionSizeMean", java.util.Arrays.stream(unionSize).average().orElse(0));
        extra.put("degradedCaptures", degradedCaptures);
        extra.put("perFold", foldRows);
        if (fixedFrom != null) {
            extra.put("fixedFrom", fixedFrom.toString());
        }
        List<SearchReport.StrategyResult> references = new ArrayList<>();
        references.add(bestFixed);
        fixedResults.stream()
                .filter(r -> (r.name().equals("dense") || r.name().equals("weighted")) && r != bestFixed)
                .forEach(references::add);
        if (learned.size() > 1) {
            // the first learned row (e.g. the current model) is the others' paired reference too
            references.add(learned.get(0));
        }
        extra.put("variants", PairedTable.of(learned, references, queries, bootstrap));
        extra.put("minutes", (System.nanoTime() - start) / 6e10);
        FusionEvalFiles.addFolds(kind, out.resolve(name + ".json"), out.resolve(name + ".md"), extra, metrics);
        written.forEach(f -> System.err.println("wrote " + f));
        return 0;
    }

    /**
     * The LambdaMART variants to train, each over all folds; one null (fusion-service's configured default) for the
     * attention model or when none is named.
     */
    static List<String> trainedVariants(ModelKind kind, List<String> named) {
        return kind == ModelKind.LAMBDAMART && named != null && !named.isEmpty()
                ? named
                : java.util.Collections.singletonList(null);
    }

    /** Bagged or not, each over all folds; one null (fusion-service's default) for attention or when none is named. */
    static List<Boolean> trainedBaggings(ModelKind kind, List<Boolean> named) {
        return kind == ModelKind.LAMBDAMART && named != null && !named.isEmpty()
                ? named
                : java.util.Collections.singletonList(null);
    }

    /** Means of the fold's held-out queries: the learned model and, on the same queries, every fixed strategy. */
    private static Map<String, Map<String, Bootstrap.Estimate>> foldMeans(
            ModelKind kind,
            List<String> test,
            Map<String, SearchReport.QueryResult> byModel,
            List<SearchReport.StrategyResult> fixed,
            Bootstrap bootstrap,
            List<Metric> metrics) {
        Map<String, Map<String, Bootstrap.Estimate>> means = new LinkedHashMap<>();
        Set<String> held = new LinkedHashSet<>(test);
        means.put(kind.label(), estimates(test.stream().map(byModel::get).toList(), bootstrap, metrics));
        for (SearchReport.StrategyResult result : fixed) {
            if (result.available()) {
                means.put(
                        result.name(),
                        estimates(
                                result.queries().stream()
                                        .filter(q -> held.contains(q.query()))
                                        .toList(),
                                bootstrap,
                                metrics));
            }
        }
        return means;
    }

    private static Map<String, Bootstrap.Estimate> estimates(
            List<SearchReport.QueryResult> queries, Bootstrap bootstrap, List<Metric> metrics) {
        Map<String, Bootstrap.Estimate> byMetric = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            byMetric.put(metric.name(), bootstrap.mean(FoldedTraining.values(queries, metric.name())));
        }
        return byMetric;
    }

    /** Every candidate id of the captured request's lists, once. */
    static List<String> unionIds(JsonNode request) {
        Set<String> ids = new LinkedHashSet<>();
        request.path("lists")
                .forEach(list -> list.path("candidates")
                        .forEach(c -> ids.add(c.path("id").asText())));
        return List.copyOf(ids);
    }
}
