package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.magpie.api.catalog.Product;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.api.model.ModelRef;
import io.magpie.eval.cli.EncoderOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.cli.ReportOptions;
import io.magpie.eval.esci.EsciCatalogue;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.metrics.Folds;
import io.magpie.eval.metrics.Metric;
import io.magpie.eval.search.SearchEvaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Does fine-tuning help dense retrieval on queries it never saw? k-fold by query over the ESCI subset: for each
 * fold, fine-tune on the other folds' exact (E) pairs, then rank the whole catalogue by exact cosine for the
 * held-out queries with the base model and with the fold's fine-tuned version. Every query is measured once, by the
 * model that did not train on it; means with bootstrap intervals and a paired comparison.
 */
@Command(
        name = "finetune-eval",
        mixinStandardHelpOptions = true,
        description = "k-fold by query: NDCG@10, Recall@100 and MRR of exact dense retrieval over the ESCI catalogue "
                + "with the base encoder vs encoders fine-tuned on the other folds; writes finetune-esci.{json,md}.")
public class FineTuneEvalCommand implements Callable<Integer> {

    private static final int DEPTH = 100;

    /** Products ranked in each measured fold. */
    private final List<Integer> rankedProducts = new ArrayList<>();

    @Mixin
    EncoderOption encoder;

    @Mixin
    KeyOptions key;

    @Option(
            names = "--base",
            defaultValue = "bge-small-en-v1.5",
            description = "model to fine-tune, name or name@version (default: ${DEFAULT-VALUE})")
    String base;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/esci-subset",
            description = "ESCI folder (default: ${DEFAULT-VALUE})")
    Path dataset;

    @Option(names = "-k", defaultValue = "2", description = "folds (default: ${DEFAULT-VALUE})")
    int k;

    @Option(
            names = "--fold-seed",
            defaultValue = "20260101",
            description = "seed of the split (default: ${DEFAULT-VALUE})")
    long foldSeed;

    @Option(names = "--folds", split = ",", description = "measure only these folds (0-based; default: all)")
    List<Integer> onlyFolds;

    @Mixin
    TrainingOptions training;

    @Option(
            names = "--max-train-pairs",
            defaultValue = "0",
            description = "train each fold on at most this many of its pairs, a seeded sample (0: all; a compute cut "
                    + "for slow machines, stated in the report)")
    int maxTrainPairs;

    /** Which products each held-out query is ranked among. */
    enum Candidates {
        all,
        judged
    }

    @Option(
            names = "--candidates",
            defaultValue = "all",
            description = "rank the whole catalogue (all) or only the products judged for the fold's held-out "
                    + "queries, pooled (judged: a compute cut for slow machines; Recall@100 is then near 1 by "
                    + "construction) (default: ${DEFAULT-VALUE})")
    Candidates candidates;

    @Option(
            names = "--encode-batch",
            defaultValue = "64",
            description = "texts per encode request (default: ${DEFAULT-VALUE})")
    int encodeBatch;

    @Option(
            names = "--cache-dir",
            defaultValue = ".magpie/finetune-eval",
            description = "catalogue vectors kept here between runs (default: ${DEFAULT-VALUE})")
    Path cacheDir;

    @Mixin
    ReportOptions output = new ReportOptions("docs/eval", "finetune-esci");

    @Option(
            names = "--resamples",
            defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
            description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--commit", defaultValue = "${env:MAGPIE_COMMIT}", description = "source commit for the report")
    String commit;

    /** The ESCI subset as the evaluation reads it: judgements, catalogue ids in file order, vector texts by id. */
    private record EsciTexts(EsciJudgements judgements, List<String> ids, Map<String, String> textById) {

        static EsciTexts read(Path dataset) throws IOException {
            Map<String, Product> catalogue = EsciCatalogue.read(dataset);
            Map<String, String> textById = new HashMap<>();
            catalogue.forEach((id, product) -> textById.put(id, product.embeddingText()));
            return new EsciTexts(EsciJudgements.read(dataset), new ArrayList<>(catalogue.keySet()), textById);
        }

        List<String> queries() {
            return judgements.queries();
        }
    }

    /** The base model's vector of every query, by query. */
    private record QueryVectors(Map<String, float[]> byQuery) {

        static QueryVectors of(List<String> queries, float[][] vectors) {
            Map<String, float[]> byQuery = new HashMap<>();
            for (int i = 0; i < queries.size(); i++) {
                byQuery.put(queries.get(i), vectors[i]);
            }
            return new QueryVectors(byQuery);
        }

        float[] of(String query) {
            return byQuery.get(query);
        }
    }

    /** Catalogue and query vectors of one fold under the base model and under the fold's fine-tuned model. */
    private record FoldVectors(float[][] baseProducts, float[][] tunedProducts, float[][] tunedQueries) {}

    @Override
    public Integer call() throws Exception {
        EsciTexts data = EsciTexts.read(dataset);
        EncoderApi api = new EncoderApi(encoder.uri(), key.required());
        ModelRef baseModel = baseModel(api);
        VectorCache cache = new VectorCache(cacheDir);
        System.err.printf(
                "finetune-eval: %d queries, %d products, k = %d, base %s%n",
                data.queries().size(), data.ids().size(), k, baseModel);
        QueryVectors baseQueries = QueryVectors.of(data.queries(), api.encode(baseModel, "query", data.queries()));
        FoldTraining foldTraining = new FoldTraining(api, baseModel, training.settings(), k, foldSeed);

        List<FineTuneReport.FoldResult> foldResults = new ArrayList<>();
        List<FineTuneReport.QueryResult> queryResults = new ArrayList<>();
        rankedProducts.clear();
        for (Folds.Fold<String> fold : measuredFolds(data)) {
            List<FineTuningRequest.Pair> pairs =
                    sample(TrainingPairs.fromEsci(data.judgements(), fold.train(), data.textById()));
            Optional<FoldTraining.FoldModel> tuned = foldTraining.modelFor(fold, pairs);
            if (tuned.isEmpty()) {
                return 1;
            }
            List<String> foldIds = candidates == Candidates.all
                    ? data.ids()
                    : judgedProducts(data.judgements(), fold.test(), data.ids());
            FoldVectors vectors = encodeFold(
                    api,
                    cache,
                    baseModel,
                    tuned.get().model(),
                    fold,
                    foldIds.stream().map(data.textById()::get).toList());
            List<FineTuneReport.QueryResult> scored = scoreFold(data.judgements(), fold, baseQueries, vectors, foldIds);
            foldResults.add(foldResult(fold, pairs.size(), tuned.get(), scored));
            queryResults.addAll(scored);
            rankedProducts.add(foldIds.size());
            writeReport(baseModel, data.ids().size(), foldResults, queryResults, false);
        }
        writeReport(baseModel, data.ids().size(), foldResults, queryResults, true);
        return 0;
    }

    /** {@code --base} with its version: the one given, else the one encoder-service serves now. */
    private ModelRef baseModel(EncoderApi api) throws IOException, InterruptedException {
        ModelRef given = ModelRef.parse(base);
        return given.version() != null ? given : api.active(given.name());
    }

    /** The folds of the split that {@code --folds} selects (all without it). */
    private List<Folds.Fold<String>> measuredFolds(EsciTexts data) {
        return Folds.split(data.queries(), k, foldSeed).folds().stream()
                .filter(fold -> onlyFolds == null || onlyFolds.contains(fold.index()))
                .toList();
    }

    /** Encodes the fold's candidates with both models, and its held-out queries with the fine-tuned one. */
    private FoldVectors encodeFold(
            EncoderApi api,
            VectorCache cache,
            ModelRef baseModel,
            ModelRef tuned,
            Folds.Fold<String> fold,
            List<String> productTexts)
            throws Exception {
        float[][] baseProducts = encodeCatalogue(api, cache, baseModel, productTexts);
        // only the active version is loaded until asked for
        api.load(tuned);
        float[][] tunedProducts = encodeCatalogue(api, cache, tuned, productTexts);
        float[][] tunedQueries = api.encode(tuned, "query", fold.test());
        api.unload(tuned);
        return new FoldVectors(baseProducts, tunedProducts, tunedQueries);
    }

    /** Every held-out query ranked by exact cosine under both models, and scored. */
    private List<FineTuneReport.QueryResult> scoreFold(
            EsciJudgements judgements,
            Folds.Fold<String> fold,
            QueryVectors baseQueries,
            FoldVectors vectors,
            List<String> foldIds) {
        List<FineTuneReport.QueryResult> results = new ArrayList<>();
        for (int q = 0; q < fold.test().size(); q++) {
            String query = fold.test().get(q);
            var relevance = judgements.relevance(query);
            List<String> before = ExactRanking.top(baseQueries.of(query), vectors.baseProducts(), foldIds, DEPTH);
            List<String> after = ExactRanking.top(vectors.tunedQueries()[q], vectors.tunedProducts(), foldIds, DEPTH);
            Map<String, Double> b = new LinkedHashMap<>();
            Map<String, Double> a = new LinkedHashMap<>();
            for (Metric metric : SearchEvaluation.ESCI_METRICS) {
                b.put(metric.name(), metric.score(before, relevance));
                a.put(metric.name(), metric.score(after, relevance));
            }
            results.add(new FineTuneReport.QueryResult(query, fold.index(), b, a));
        }
        return results;
    }

    /** The fold's means over its held-out queries, also said on standard error. */
    private static FineTuneReport.FoldResult foldResult(
            Folds.Fold<String> fold, int pairs, FoldTraining.FoldModel tuned, List<FineTuneReport.QueryResult> scored) {
        Map<String, Double> baseMeans = means(scored, FineTuneReport.QueryResult::base);
        Map<String, Double> tunedMeans = means(scored, FineTuneReport.QueryResult::fineTuned);
        System.err.printf(
                Locale.ROOT,
                "fold %d: NDCG@10 base %.4f, fine-tuned %.4f over %d held-out queries%n",
                fold.index(),
                baseMeans.get("NDCG@10"),
                tunedMeans.get("NDCG@10"),
                scored.size());
        return new FineTuneReport.FoldResult(
                fold.index(),
                fold.train().size(),
                scored.size(),
                pairs,
                tuned.model().toString(),
                tuned.reused(),
                tuned.training(),
                baseMeans,
                tunedMeans);
    }

    private static Map<String, Double> means(
            List<FineTuneReport.QueryResult> scored, Function<FineTuneReport.QueryResult, Map<String, Double>> model) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (Metric metric : SearchEvaluation.ESCI_METRICS) {
            double sum = 0;
            for (FineTuneReport.QueryResult result : scored) {
                sum += model.apply(result).get(metric.name());
            }
            means.put(metric.name(), sum / scored.size());
        }
        return means;
    }

    /** Writes the report of the folds measured so far, so that a run stopped half-way still leaves one. */
    private void writeReport(
            ModelRef baseModel,
            int products,
            List<FineTuneReport.FoldResult> foldResults,
            List<FineTuneReport.QueryResult> queryResults,
            boolean print)
            throws Exception {
        Bootstrap bootstrap = new Bootstrap(resamples, Bootstrap.DEFAULT_SEED, Bootstrap.DEFAULT_CONFIDENCE);
        Map<String, Bootstrap.Estimate> baseMeans = new LinkedHashMap<>();
        Map<String, Bootstrap.Estimate> tunedMeans = new LinkedHashMap<>();
        Map<String, Bootstrap.Comparison> comparison = new LinkedHashMap<>();
        List<String> queryIds =
                queryResults.stream().map(FineTuneReport.QueryResult::query).toList();
        for (Metric metric : SearchEvaluation.ESCI_METRICS) {
            double[] before = queryResults.stream()
                    .mapToDouble(r -> r.base().get(metric.name()))
                    .toArray();
            double[] after = queryResults.stream()
                    .mapToDouble(r -> r.fineTuned().get(metric.name()))
                    .toArray();
            baseMeans.put(metric.name(), bootstrap.mean(before));
            tunedMeans.put(metric.name(), bootstrap.mean(after));
            comparison.put(metric.name(), bootstrap.paired(queryIds, after, before, 10));
        }
        FineTuneReport report = new FineTuneReport(
                Instant.now().toString(),
                encoder.uri().toString(),
                dataset.toString(),
                commit,
                baseModel.toString(),
                k,
                foldSeed,
                training.settings(),
                protocol(products, foldResults.size(), queryResults.size()),
                foldResults,
                baseMeans,
                tunedMeans,
                comparison,
                queryResults);
        Files.createDirectories(output.folder());
        Path json = output.folder().resolve(output.name() + ".json");
        Path md = output.folder().resolve(output.name() + ".md");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        String markdown = FineTuneMarkdown.render(report);
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        if (print) {
            System.out.print(markdown);
        }
        System.err.println("wrote " + json + " and " + md + " (" + foldResults.size() + " of " + k + " folds)");
    }

    /** How the figures were made, for the report; it names the compute cuts the run took. */
    private String protocol(int products, int measuredFolds, int measuredQueries) {
        return String.format(
                Locale.ROOT,
                "k-fold by query (k = %d, fold seed %d): each fold's model is "
                        + "fine-tuned on the exact (E) pairs of the other folds' queries only and measured on its held-out "
                        + "queries, so every query is scored by a model that never saw it. Ranking: exact cosine over %s "
                        + "(`Product.embeddingText()` vectors, the text product vectors are made from), top %d. "
                        + "Gains E = 1, S = 0.1, C = 0.01, I = 0; Recall@100 and MRR count E products. Intervals: "
                        + "percentile bootstrap over queries, %d resamples, seed %d. No hyper-parameter was chosen on these "
                        + "queries.%s",
                k,
                foldSeed,
                candidates == Candidates.all
                        ? "all " + products + " products"
                        : "the products judged for the fold's held-out queries, pooled (" + rankedProducts
                                + " per fold; a compute cut: Recall@100 is near 1 by construction, NDCG@10 and MRR compare the "
                                + "models' ordering of the judged pool)",
                DEPTH,
                resamples,
                Bootstrap.DEFAULT_SEED,
                (measuredFolds < k
                                ? " Only " + measuredFolds + " of the " + k + " folds were measured: " + measuredQueries
                                        + " held-out queries."
                                : "")
                        + (maxTrainPairs > 0
                                ? " Each fold trained on a seeded sample of at most " + maxTrainPairs
                                        + " of its pairs (a compute cut)."
                                : ""));
    }

    /** The products judged for any of {@code queries}, in catalogue order. */
    private static List<String> judgedProducts(EsciJudgements judgements, List<String> queries, List<String> ids) {
        Set<String> judged = new HashSet<>();
        queries.forEach(
                q -> judged.addAll(judgements.labels().getOrDefault(q, Map.of()).keySet()));
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

    private float[][] encodeCatalogue(EncoderApi api, VectorCache cache, ModelRef model, List<String> texts)
            throws Exception {
        long start = System.nanoTime();
        float[][] vectors = cache.vectors(
                model, "document", texts, encodeBatch, batch -> api.encode(model, "document", batch), done -> {
                    if (done % (encodeBatch * 20) == 0 || done == texts.size()) {
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.err.printf(
                                Locale.ROOT,
                                "  %s: %d/%d products encoded, %.1f/s%n",
                                model,
                                done,
                                texts.size(),
                                done / seconds);
                    }
                });
        System.err.printf(
                Locale.ROOT, "  %s: catalogue vectors ready after %.0f s%n", model, (System.nanoTime() - start) / 1e9);
        return vectors;
    }
}
