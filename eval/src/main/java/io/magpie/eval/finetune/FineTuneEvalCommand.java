package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.magpie.api.catalog.Product;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.eval.EsciCatalogue;
import io.magpie.eval.EsciJudgements;
import io.magpie.eval.KeyOptions;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Folds;
import io.magpie.eval.metrics.Metric;
import io.magpie.eval.search.SearchEvaluation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Does fine-tuning help dense retrieval on queries it never saw? k-fold by query over the ESCI subset: for each
 * fold, fine-tune on the other folds' exact (E) pairs, then rank the whole catalogue by exact cosine for the
 * held-out queries with the base model and with the fold's fine-tuned version. Every query is measured once, by the
 * model that did not train on it; means with bootstrap intervals and a paired comparison.
 */
@Command(name = "finetune-eval", mixinStandardHelpOptions = true,
        description = "k-fold by query: NDCG@10, Recall@100 and MRR of exact dense retrieval over the ESCI catalogue "
                + "with the base encoder vs encoders fine-tuned on the other folds; writes finetune-esci.{json,md}.")
public class FineTuneEvalCommand implements Callable<Integer> {

    private static final int DEPTH = 100;

    /** Products ranked in each measured fold. */
    private final List<Integer> rankedProducts = new ArrayList<>();

    @Option(names = "--encoder", defaultValue = "http://127.0.0.1:8081",
            description = "encoder-service base URL (default: ${DEFAULT-VALUE})")
    URI encoder;

    @Mixin
    KeyOptions key;

    @Option(names = "--base", defaultValue = "all-minilm-l6-v2",
            description = "model to fine-tune, name or name@version (default: ${DEFAULT-VALUE})")
    String base;

    @Option(names = "--dataset", defaultValue = "../shared/datasets/esci-subset",
            description = "ESCI folder (default: ${DEFAULT-VALUE})")
    Path dataset;

    @Option(names = "-k", defaultValue = "2", description = "folds (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--fold-seed", defaultValue = "20260101", description = "seed of the split (default: ${DEFAULT-VALUE})")
    long foldSeed;

    @Option(names = "--folds", split = ",", description = "measure only these folds (0-based; default: all)")
    List<Integer> onlyFolds;

    @Mixin
    TrainingOptions training;

    @Option(names = "--max-train-pairs", defaultValue = "0",
            description = "train each fold on at most this many of its pairs, a seeded sample (0: all; a compute cut "
                    + "for slow machines, stated in the report)")
    int maxTrainPairs;

    /** Which products each held-out query is ranked among. */
    enum Candidates { all, judged }

    @Option(names = "--candidates", defaultValue = "all",
            description = "rank the whole catalogue (all) or only the products judged for the fold's held-out "
                    + "queries, pooled (judged: a compute cut for slow machines; Recall@100 is then near 1 by "
                    + "construction) (default: ${DEFAULT-VALUE})")
    Candidates candidates;

    @Option(names = "--encode-batch", defaultValue = "64", description = "texts per encode request (default: ${DEFAULT-VALUE})")
    int encodeBatch;

    @Option(names = "--cache-dir", defaultValue = ".magpie/finetune-eval",
            description = "catalogue vectors kept here between runs (default: ${DEFAULT-VALUE})")
    Path cacheDir;

    @Option(names = "--out", defaultValue = "docs/eval", description = "report folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", defaultValue = "finetune-esci", description = "report name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--resamples", defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
            description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--commit", defaultValue = "${env:MAGPIE_COMMIT}", description = "source commit for the report")
    String commit;

    @Override
    public Integer call() throws Exception {
        EsciJudgements judgements = EsciJudgements.read(dataset);
        Map<String, Product> catalogue = EsciCatalogue.read(dataset);
        List<String> ids = new ArrayList<>(catalogue.keySet());
        List<String> texts = ids.stream().map(id -> catalogue.get(id).embeddingText()).toList();
        Map<String, String> textById = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            textById.put(ids.get(i), texts.get(i));
        }
        EncoderApi api = new EncoderApi(encoder, key.required());
        String baseName = base.contains("@") ? base.substring(0, base.indexOf('@')) : base;
        String baseModel = base.contains("@") ? base : baseName + "@" + api.activeVersion(baseName);
        VectorCache cache = new VectorCache(cacheDir);
        List<Metric> metrics = SearchEvaluation.ESCI_METRICS;

        System.err.printf("finetune-eval: %d queries, %d products, k = %d, base %s%n", judgements.queries().size(),
                ids.size(), k, baseModel);
        float[][] baseQueries = api.encode(baseModel, "query", judgements.queries());
        Map<String, Integer> queryIndex = new HashMap<>();
        for (int i = 0; i < judgements.queries().size(); i++) {
            queryIndex.put(judgements.queries().get(i), i);
        }

        Folds<String> folds = Folds.split(judgements.queries(), k, foldSeed);
        List<FineTuneReport.FoldResult> foldResults = new ArrayList<>();
        List<FineTuneReport.QueryResult> queryResults = new ArrayList<>();
        rankedProducts.clear();
        for (Folds.Fold<String> fold : folds.folds()) {
            if (onlyFolds != null && !onlyFolds.contains(fold.index())) {
                continue;
            }
            List<FineTuningRequest.Pair> pairs = sample(TrainingPairs.fromEsci(judgements, fold.train(), textById));
            String version = baseModel.substring(baseModel.indexOf('@') + 1) + "-ft-"
                    + VectorCache.hash(List.of(baseModel, pairs.toString(), training.settings().toString()));
            String model = baseName + "@" + version;
            System.err.printf("fold %d: %d training queries, %d pairs -> %s%n", fold.index(), fold.train().size(),
                    pairs.size(), model);
            Optional<JsonNode> existing = api.version(baseName, version);
            boolean reused = existing.isPresent();
            JsonNode trainingFigures;
            if (reused) {
                System.err.printf("fold %d: %s exists from an earlier run with the same pairs and settings; reused%n",
                        fold.index(), model);
                trainingFigures = existing.get().path("training");
            } else {
                JsonNode job = api.startJob(new FineTuningRequest(baseModel, version, pairs, null,
                        "ESCI E pairs of " + fold.train().size() + " training queries (fold " + fold.index() + " of "
                                + k + ", seed " + foldSeed + ")", training.settings()));
                JsonNode done = api.await(job.path("id").asText(), Duration.ofSeconds(10),
                        j -> System.err.println(JobProgress.line(j)));
                if (!done.path("state").asText().equals("succeeded")) {
                    System.err.println("fold " + fold.index() + ": training failed: " + done.path("error").asText());
                    return 1;
                }
                trainingFigures = api.version(baseName, version).map(v -> v.path("training")).orElse(null);
            }
            List<String> foldIds = candidates == Candidates.all ? ids : judgedProducts(judgements, fold.test(), ids);
            List<String> foldTexts = foldIds.stream().map(textById::get).toList();
            float[][] baseProducts = encodeCatalogue(api, cache, baseModel, foldTexts);
            api.load(baseName, version);
            float[][] tunedProducts = encodeCatalogue(api, cache, model, foldTexts);
            float[][] tunedQueries = api.encode(model, "query", fold.test());
            api.unload(baseName, version);

            Map<String, Double> baseSums = new LinkedHashMap<>();
            Map<String, Double> tunedSums = new LinkedHashMap<>();
            for (int q = 0; q < fold.test().size(); q++) {
                String query = fold.test().get(q);
                var relevance = judgements.relevance(query);
                List<String> before = ExactRanking.top(baseQueries[queryIndex.get(query)], baseProducts, foldIds, DEPTH);
                List<String> after = ExactRanking.top(tunedQueries[q], tunedProducts, foldIds, DEPTH);
                Map<String, Double> b = new LinkedHashMap<>();
                Map<String, Double> a = new LinkedHashMap<>();
                for (Metric metric : metrics) {
                    b.put(metric.name(), metric.score(before, relevance));
                    a.put(metric.name(), metric.score(after, relevance));
                    baseSums.merge(metric.name(), b.get(metric.name()), Double::sum);
                    tunedSums.merge(metric.name(), a.get(metric.name()), Double::sum);
                }
                queryResults.add(new FineTuneReport.QueryResult(query, fold.index(), b, a));
            }
            int n = fold.test().size();
            baseSums.replaceAll((m, sum) -> sum / n);
            tunedSums.replaceAll((m, sum) -> sum / n);
            System.err.printf(Locale.ROOT, "fold %d: NDCG@10 base %.4f, fine-tuned %.4f over %d held-out queries%n",
                    fold.index(), baseSums.get("NDCG@10"), tunedSums.get("NDCG@10"), n);
            foldResults.add(new FineTuneReport.FoldResult(fold.index(), fold.train().size(), n, pairs.size(), model,
                    reused, trainingFigures, baseSums, tunedSums));
            rankedProducts.add(foldIds.size());
            writeReport(baseModel, ids.size(), foldResults, queryResults, false);
        }
        writeReport(baseModel, ids.size(), foldResults, queryResults, true);

        return 0;
    }

    /** Writes the report of the folds measured so far, so that a run stopped half-way still leaves one. */
    private void writeReport(String baseModel, int products, List<FineTuneReport.FoldResult> foldResults,
                             List<FineTuneReport.QueryResult> queryResults, boolean print) throws Exception {
        List<Metric> metrics = SearchEvaluation.ESCI_METRICS;
        Bootstrap bootstrap = new Bootstrap(resamples, Bootstrap.DEFAULT_SEED, Bootstrap.DEFAULT_CONFIDENCE);
        Map<String, Bootstrap.Estimate> baseMeans = new LinkedHashMap<>();
        Map<String, Bootstrap.Estimate> tunedMeans = new LinkedHashMap<>();
        Map<String, Bootstrap.Comparison> comparison = new LinkedHashMap<>();
        List<String> queryIds = queryResults.stream().map(FineTuneReport.QueryResult::query).toList();
        for (Metric metric : metrics) {
            double[] before = queryResults.stream().mapToDouble(r -> r.base().get(metric.name())).toArray();
            double[] after = queryResults.stream().mapToDouble(r -> r.fineTuned().get(metric.name())).toArray();
            baseMeans.put(metric.name(), bootstrap.mean(before));
            tunedMeans.put(metric.name(), bootstrap.mean(after));
            comparison.put(metric.name(), bootstrap.paired(queryIds, after, before, 10));
        }
        String protocol = String.format(Locale.ROOT, "k-fold by query (k = %d, fold seed %d): each fold's model is "
                + "fine-tuned on the exact (E) pairs of the other folds' queries only and measured on its held-out "
                + "queries, so every query is scored by a model that never saw it. Ranking: exact cosine over %s "
                + "(`Product.embeddingText()` vectors, the text product vectors are made from), top %d. "
                + "Gains E = 1, S = 0.1, C = 0.01, I = 0; Recall@100 and MRR count E products. Intervals: "
                + "percentile bootstrap over queries, %d resamples, seed %d. No hyper-parameter was chosen on these "
                + "queries.%s", k, foldSeed, candidates == Candidates.all ? "all " + products + " products"
                        : "the products judged for the fold's held-out queries, pooled (" + rankedProducts
                        + " per fold; a compute cut: Recall@100 is near 1 by construction, NDCG@10 and MRR compare the "
                        + "models' ordering of the judged pool)", DEPTH, resamples, Bootstrap.DEFAULT_SEED,
                (foldResults.size() < k ? " Only " + foldResults.size() + " of the " + k + " folds were measured: "
                        + queryResults.size() + " held-out queries." : "")
                        + (maxTrainPairs > 0 ? " Each fold trained on a seeded sample of at most " + maxTrainPairs
                        + " of its pairs (a compute cut)." : ""));
        FineTuneReport report = new FineTuneReport(Instant.now().toString(), encoder.toString(), dataset.toString(),
                commit, baseModel, k, foldSeed, training.settings(), protocol, foldResults, baseMeans, tunedMeans,
                comparison, queryResults);
        Files.createDirectories(out);
        Path json = out.resolve(name + ".json");
        Path md = out.resolve(name + ".md");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        String markdown = FineTuneMarkdown.render(report);
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        if (print) {
            System.out.print(markdown);
        }
        System.err.println("wrote " + json + " and " + md + " (" + foldResults.size() + " of " + k + " folds)");
    }


    /** The products judged for any of {@code queries}, in catalogue order. */
    private static List<String> judgedProducts(EsciJudgements judgements, List<String> queries, List<String> ids) {
        java.util.Set<String> judged = new java.util.HashSet<>();
        queries.forEach(q -> judged.addAll(judgements.labels().getOrDefault(q, Map.of()).keySet()));
        return ids.stream().filter(judged::contains).toList();
    }

    private List<FineTuningRequest.Pair> sample(List<FineTuningRequest.Pair> pairs) {
        if (maxTrainPairs <= 0 || pairs.size() <= maxTrainPairs) {
            return pairs;
        }
        List<FineTuningRequest.Pair> shuffled = new ArrayList<>(pairs);
        Collections.shuffle(shuffled, new Random(foldSeed));
        return List.copyOf(shuffled.subList(0, maxTrainPairs));
    }

    private float[][] encodeCatalogue(EncoderApi api, VectorCache cache, String model, List<String> texts)
            throws Exception {
        long start = System.nanoTime();
        float[][] vectors = cache.vectors(model, "document", texts, encodeBatch,
                batch -> api.encode(model, "document", batch), done -> {
                    if (done % (encodeBatch * 20) == 0 || done == texts.size()) {
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.err.printf(Locale.ROOT, "  %s: %d/%d products encoded, %.1f/s%n", model, done,
                                texts.size(), done / seconds);
                    }
                });
        System.err.printf(Locale.ROOT, "  %s: catalogue vectors ready after %.0f s%n", model,
                (System.nanoTime() - start) / 1e9);
        return vectors;
    }
}
