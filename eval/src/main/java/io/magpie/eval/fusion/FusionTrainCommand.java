package io.magpie.eval.fusion;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.metrics.Folds;
import io.magpie.eval.metrics.Metric;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the storefront's learned ranker from the ESCI labels through the platform (the local stack runs it after
 * loading the catalogue): captures every labelled query's fuse request through the gateway, measures a model k-fold
 * by query against the fixed default strategy on the same requests, trains the version to serve on all queries,
 * and, with {@code --activate-if-better}, activates it only when its cross-validated NDCG@10 is above the default's.
 * The fold models stay in the registry (their notes say so); only the final one may be activated.
 */
@Command(
        name = "fusion-train",
        mixinStandardHelpOptions = true,
        description = "Train a learned-ranker version from the ESCI labels through the platform; k-fold NDCG@10 "
                + "against the fixed default strategy; --activate-if-better activates it only when it wins.")
public class FusionTrainCommand implements Callable<Integer> {

    private static final Metric NDCG = Metric.ndcg(10);

    @Mixin
    GatewayOption gatewayOption;

    @Mixin
    KeyOptions key;

    @Mixin
    FusionTrainingOptions options = new FusionTrainingOptions();

    @Option(
            names = "--baseline",
            defaultValue = "weighted",
            description = "the fixed strategy the storefront gets without a model (default: ${DEFAULT-VALUE})")
    String baseline;

    @Option(
            names = "--activate-if-better",
            description = "activate the new version when its k-fold NDCG@10 is above the baseline's")
    boolean activateIfBetter;

    @Override
    public Integer call() throws Exception {
        Optional<ModelKind> checked = options.checkedKind(": nothing trained");
        if (checked.isEmpty()) {
            return 2;
        }
        ModelKind kind = checked.get();
        long start = System.nanoTime();
        EsciJudgements judgements = EsciJudgements.read(options.dataset);
        List<String> queries = judgements.queries();
        FusionPlatform platform = new FusionPlatform(gatewayOption.uri(), options.fusion, key.required());
        CapturedRequests captured =
                CapturedRequests.capture(platform, queries, options.depth, options.depth, "fusion-train");

        double[] model = new double[queries.size()];
        double[] fixed = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            String query = queries.get(q);
            fixed[q] = NDCG.score(
                    platform.fuse(captured.byQuery().get(query), baseline, null), judgements.relevance(query));
        }
        Folds<String> folds = Folds.split(queries, options.k, options.foldSeed);
        for (Folds.Fold<String> fold : folds.folds()) {
            JsonNode trained = platform.train(
                    kind,
                    captured.examples(fold.train(), judgements),
                    "fusion-train " + options.k + "-fold check, fold " + fold.index() + " ("
                            + fold.train().size() + " ESCI queries; not for serving)");
            String version = trained.path("model").asText();
            for (String query : fold.test()) {
                model[queries.indexOf(query)] = NDCG.score(
                        platform.fuse(captured.byQuery().get(query), "model", version), judgements.relevance(query));
            }
            System.err.printf(
                    "fusion-train: fold %d of %d trained (%s), %.0f s%n",
                    fold.index() + 1, options.k, version, (System.nanoTime() - start) / 1e9);
        }
        double modelMean = mean(model);
        double fixedMean = mean(fixed);
        System.err.printf(
                Locale.ROOT,
                "fusion-train: %d-fold NDCG@10 over %d queries: %s %.4f, %s (fixed default) %.4f%n",
                options.k,
                queries.size(),
                kind.label(),
                modelMean,
                baseline,
                fixedMean);

        JsonNode serving = platform.train(
                kind,
                captured.examples(queries, judgements),
                String.format(
                        Locale.ROOT,
                        "fusion-train: all %d ESCI queries (%s); %d-fold NDCG@10 %.4f vs %s %.4f",
                        queries.size(),
                        options.dataset.getFileName(),
                        options.k,
                        modelMean,
                        baseline,
                        fixedMean));
        String version = serving.path("model").asText();
        boolean better = modelMean > fixedMean;
        if (activateIfBetter && better) {
            platform.activate(version);
            System.err.printf("fusion-train: %s trained on all queries and activated%n", version);
        } else {
            System.err.printf(
                    "fusion-train: %s trained on all queries, not activated (%s)%n",
                    version,
                    better
                            ? "--activate-if-better not given"
                            : "not better than " + baseline + ", which keeps serving");
        }
        System.err.printf("fusion-train: done in %.0f s%n", (System.nanoTime() - start) / 1e9);
        System.out.println(version);
        return 0;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
