package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.magpie.eval.cli.BootstrapOptions;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.clicks.ClickLabels;
import io.magpie.eval.clicks.ClickLog;
import io.magpie.eval.clicks.ClickModel;
import io.magpie.eval.clicks.PropensityEstimate;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Folds;
import io.magpie.eval.metrics.Metric;
import io.magpie.eval.search.SearchEvaluation;
import io.magpie.eval.search.SearchReport;
import io.magpie.eval.search.SearchStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The events path without events: simulated clicks over ESCI (a position-based click model on the weighted
 * strategy's logged rankings, with swap interventions), LambdaMART trained from clicks only (uncorrected, and
 * inverse-propensity weighted with propensities estimated from the swaps or, as an upper bound, the simulator's
 * own), beside the model trained from the labels, k-fold by query, through the platform's own feature extraction
 * (the captured fuse requests) and training endpoint.
 */
@Command(
        name = "fusion-clicks",
        mixinStandardHelpOptions = true,
        description = "k-fold by query: LambdaMART from simulated clicks (uncorrected vs inverse-propensity weighted) "
                + "vs from labels; writes fusion-clicks-esci.{json,md}.")
public class FusionClicksCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    GatewayOption gatewayOption;

    @Mixin
    KeyOptions key;

    @Mixin
    FusionTrainingOptions options = new FusionTrainingOptions();

    @Mixin
    ReportOptions output = new ReportOptions("docs/eval", "fusion-clicks-esci");

    @Mixin
    BootstrapOptions intervals;

    @Option(names = "--variant", defaultValue = "auto", description = "LambdaMART variant (default: ${DEFAULT-VALUE})")
    String variant;

    @Option(
            names = "--shown",
            defaultValue = "20",
            description = "positions shown per session (default: ${DEFAULT-VALUE})")
    int shown;

    @Option(names = "--sessions", defaultValue = "200", description = "sessions per query (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(
            names = "--swap-share",
            defaultValue = "0.3",
            description = "share of sessions that swap rank 1 with a random rank (default: ${DEFAULT-VALUE})")
    double swapShare;

    @Option(names = "--eta", defaultValue = "1.0", description = "examination 1/rank^eta (default: ${DEFAULT-VALUE})")
    double eta;

    @Option(names = "--click-seed", defaultValue = "20261203", description = "seed of the simulated sessions")
    long clickSeed;

    @Override
    public Integer call() throws Exception {
        Optional<ModelKind> checked = options.checkedKind("");
        if (checked.isEmpty()) {
            return 2;
        }
        ModelKind kind = checked.get();
        if (kind != ModelKind.LAMBDAMART) {
            System.err.println("fusion-clicks trains LambdaMART only");
            return 2;
        }
        long start = System.nanoTime();
        EsciJudgements judgements = EsciJudgements.read(options.dataset);
        List<String> queries = judgements.queries();
        String apiKey = key.required();
        FusionPlatform platform = new FusionPlatform(gatewayOption.uri(), options.fusion, apiKey);
        Bootstrap bootstrap = intervals.bootstrap();
        List<Metric> metrics = SearchEvaluation.ESCI_METRICS;
        int size = 100;

        CapturedRequests captured = CapturedRequests.capture(platform, queries, options.depth, size, "fusion-clicks");
        GatewayClient client = new GatewayClient(gatewayOption.uri(), apiKey);
        SearchStrategy logging = SearchStrategy.byName("weighted").orElseThrow();
        SearchStrategy dense = SearchStrategy.byName("dense").orElseThrow();
        Map<String, List<String>> logged = new LinkedHashMap<>();
        for (String query : queries) {
            logged.put(
                    query,
                    client.search(query, shown, logging.sources(), logging.fusion())
                            .ids());
        }
        ClickModel model = new ClickModel(eta, 0.8, 0.3, 0.1, 0.05);
        ClickLog log = ClickLog.simulate(logged, judgements.labels(), model, shown, sessions, swapShare, clickSeed);
        PropensityEstimate estimate = PropensityEstimate.fromSwaps(log, shown);
        System.err.printf(
                Locale.ROOT,
                "fusion-clicks: %d sessions, %d clicks; estimated eta %.3f (simulator %.3f)%n",
                sessions * queries.size(),
                log.clicks(),
                estimate.eta(),
                eta);

        Map<String, Map<String, Map<String, Integer>>> labelSources = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> labels = new LinkedHashMap<>();
        for (String query : queries) {
            labels.put(query, TrainingGrades.of(judgements.labels().getOrDefault(query, Map.of())));
        }
        labelSources.put("labels", labels);
        labelSources.put("clicks", ClickLabels.uncorrected(log));
        labelSources.put("clicks-ipw", ClickLabels.weighted(log, estimate::propensity));
        labelSources.put("clicks-ipw-known", ClickLabels.weighted(log, model::propensity));

        SearchEvaluation evaluation = new SearchEvaluation(client::search, judgements, metrics, bootstrap, size, 2);
        List<SearchReport.StrategyResult> fixed = List.of(evaluation.measure(logging), evaluation.measure(dense));
        Folds<String> folds = Folds.split(queries, options.k, options.foldSeed);
        FoldedTraining training = new FoldedTraining(platform, captured, judgements, metrics);
        List<SearchReport.StrategyResult> learned = new ArrayList<>();
        List<Map<String, Object>> perSource = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Integer>>> source : labelSources.entrySet()) {
            System.err.println("fusion-clicks: training from " + source.getKey());
            FoldedTraining.Outcome outcome = training.run(
                    kind,
                    variant,
                    folds,
                    fold -> captured.examples(fold.train(), source.getValue()),
                    "esci simulated clicks (" + source.getKey() + "), " + options.k + "-fold by query");
            learned.add(outcome.row(
                    "from " + source.getKey(),
                    "LambdaMART trained from " + source.getKey(),
                    queries,
                    bootstrap,
                    metrics));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("labels", source.getKey());
            row.put("gradedProducts", gradedCount(source.getValue()));
            row.put("folds", outcome.folds());
            perSource.add(row);
        }
        List<SearchReport.StrategyResult> references = new ArrayList<>(List.of(learned.get(0), learned.get(1)));
        references.addAll(fixed);
        PairedTable table = PairedTable.of(learned, references, queries, bootstrap);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("gateway", gatewayOption.uri().toString());
        json.put("clickModel", model);
        json.put("shown", shown);
        json.put("sessionsPerQuery", sessions);
        json.put("swapShare", swapShare);
        json.put("clickSeed", clickSeed);
        json.put("clicks", log.clicks());
        json.put("propensities", estimate);
        json.put("folds", options.k);
        json.put("foldSeed", options.foldSeed);
        json.put("variant", variant);
        json.put("table", table);
        json.put("perLabelSource", perSource);
        json.put(
                "means",
                learned.stream().collect(LinkedHashMap::new, (m, r) -> m.put(r.name(), r.means()), Map::putAll));
        json.put(
                "fixed", fixed.stream().collect(LinkedHashMap::new, (m, r) -> m.put(r.name(), r.means()), Map::putAll));
        Path folder = output.folder();
        Files.createDirectories(folder);
        Path jsonFile = folder.resolve(output.name() + ".json");
        JSON.writeValue(jsonFile.toFile(), json);
        Path md = folder.resolve(output.name() + ".md");
        Files.writeString(md, markdown(model, log, estimate, table, perSource, (System.nanoTime() - start) / 6e10));
        System.err.println("wrote " + jsonFile + " and " + md);
        return 0;
    }

    private static int gradedCount(Map<String, Map<String, Integer>> grades) {
        return grades.values().stream()
                .mapToInt(m -> (int) m.values().stream().filter(g -> g > 0).count())
                .sum();
    }

    @SuppressWarnings("unchecked")
    private String markdown(
            ClickModel model,
            ClickLog log,
            PropensityEstimate estimate,
            PairedTable table,
            List<Map<String, Object>> perSource,
            double minutes) {
        StringBuilder md = new StringBuilder("# Learned fusion from simulated clicks on the ESCI subset\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Generated by `magpie-eval fusion-clicks` at %s (data: `%s`).%n%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                options.dataset));
        md.append(String.format(
                Locale.ROOT,
                "Logging policy: the `weighted` strategy (dense, lexical, graph); each session shows its top %d. "
                        + "Click model (position-based): rank k examined with probability 1/k^%.2f; an examined "
                        + "product clicked with probability E %.2f, S %.2f, C %.2f, I or unjudged %.2f (noise). "
                        + "%d sessions per query (%d in all), %.0f%% of them swap rank 1 with a random rank "
                        + "2..%d; %d clicks. Seed %d.%n%n",
                shown,
                model.eta(),
                model.exact(),
                model.substitute(),
                model.complement(),
                model.noise(),
                sessions,
                log.sessions().size() * sessions,
                swapShare * 100,
                shown,
                log.clicks(),
                clickSeed));
        md.append(String.format(
                Locale.ROOT,
                "Propensities estimated from the swap sessions alone: fitted exponent %.3f (the simulator's: %.2f). "
                        + "Per-rank ratios p_k / p_1: %s.%n%n",
                estimate.eta(),
                model.eta(),
                ratios(estimate)));
        md.append("Label sources (each product's grade; the learner never sees the ESCI labels except in `labels`):\n"
                + "- `labels`: ESCI grades E 3, S 1 (the label-trained model).\n"
                + "- `clicks`: clicks per session, uncorrected, as a grade round(4 x rate), at most 3.\n"
                + "- `clicks-ipw`: each click weighted by 1 / estimated propensity of its position, same grading.\n"
                + "- `clicks-ipw-known`: weighted by the simulator's own propensity (an upper bound for the "
                + "estimate).\n\n");
        md.append(String.format(
                Locale.ROOT,
                "LambdaMART (variant `%s`), %d-fold by query (split seed %d): each query ranked by the model of "
                        + "the fold that did not train on it (its captured fuse request sent to /v1/fuse naming the "
                        + "version). NDCG@10 with the "
                        + "ESCI gains (E 1, S 0.1, C 0.01); intervals: percentile bootstrap over the queries; "
                        + "differences paired per query, (wins / losses).%n%n",
                variant,
                options.k,
                options.foldSeed));
        md.append(table.markdown());
        md.append("\n|labels|products graded above 0|rounds per fold|variant per fold|\n|---|---:|---|---|\n");
        for (Map<String, Object> row : perSource) {
            List<Map<String, Object>> folds = (List<Map<String, Object>>) row.get("folds");
            md.append('|')
                    .append(row.get("labels"))
                    .append('|')
                    .append(row.get("gradedProducts"))
                    .append('|')
                    .append(String.join(
                            ", ",
                            folds.stream()
                                    .map(f -> ((com.fasterxml.jackson.databind.JsonNode) f.get("training"))
                                            .path("rounds")
                                            .asText())
                                    .toList()))
                    .append('|')
                    .append(String.join(
                            ", ",
                            folds.stream().map(f -> (String) f.get("variant")).toList()))
                    .append("|\n");
        }
        md.append(String.format(Locale.ROOT, "%nWhole run: %.1f min.%n", minutes));
        return md.toString();
    }

    private static String ratios(PropensityEstimate estimate) {
        List<String> parts = new ArrayList<>();
        for (int k = 1; k <= estimate.ratios().length; k++) {
            parts.add(String.format(Locale.ROOT, "%d: %.3f", k, estimate.ratios()[k - 1]));
        }
        return String.join(", ", parts);
    }
}
