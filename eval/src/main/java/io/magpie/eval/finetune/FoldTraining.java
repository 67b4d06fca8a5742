package io.magpie.eval.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.api.model.ModelRef;
import io.magpie.eval.metrics.Folds;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Each fold's fine-tuned model for {@code finetune-eval}: trained by encoder-service on the fold's pairs, or reused
 * when an earlier run left it. The version is named after the base model, the pairs and the settings, so a re-run
 * with the same inputs finds the model it trained before instead of paying for the training again.
 */
final class FoldTraining {

    /**
     * @param model    the fold's fine-tuned version
     * @param reused   true when it existed from an earlier run
     * @param training its training metadata as encoder-service recorded it
     */
    record FoldModel(ModelRef model, boolean reused, JsonNode training) {}

    private final EncoderApi api;
    private final ModelRef base;
    private final FineTuningRequest.Settings settings;
    private final int k;
    private final long foldSeed;

    /**
     * @param base     the model to fine-tune, with its version
     * @param k        folds, and their seed: for the new version's description of its pairs
     */
    FoldTraining(EncoderApi api, ModelRef base, FineTuningRequest.Settings settings, int k, long foldSeed) {
        this.api = api;
        this.base = base;
        this.settings = settings;
        this.k = k;
        this.foldSeed = foldSeed;
    }

    /** The fold's model, trained now or reused; empty when the training failed (said on standard error). */
    Optional<FoldModel> modelFor(Folds.Fold<String> fold, List<FineTuningRequest.Pair> pairs)
            throws IOException, InterruptedException {
        ModelRef model = versionFor(pairs);
        System.err.printf(
                "fold %d: %d training queries, %d pairs -> %s%n",
                fold.index(), fold.train().size(), pairs.size(), model);
        Optional<JsonNode> existing = api.version(model);
        if (existing.isPresent()) {
            System.err.printf(
                    "fold %d: %s exists from an earlier run with the same pairs and settings; reused%n",
                    fold.index(), model);
            return Optional.of(new FoldModel(model, true, existing.get().path("training")));
        }
        JsonNode job = api.startJob(new FineTuningRequest(
                base.toString(),
                model.version(),
                pairs,
                null,
                "ESCI E pairs of " + fold.train().size() + " training queries (fold " + fold.index() + " of " + k
                        + ", seed " + foldSeed + ")",
                settings));
        JsonNode done = api.await(
                job.path("id").asText(), Duration.ofSeconds(10), j -> System.err.println(JobProgress.line(j)));
        if (!done.path("state").asText().equals("succeeded")) {
            System.err.println("fold " + fold.index() + ": training failed: "
                    + done.path("error").asText());
            return Optional.empty();
        }
        return Optional.of(new FoldModel(
                model, false, api.version(model).map(v -> v.path("training")).orElse(null)));
    }

    /** {@code <base version>-ft-<hash of base, pairs and settings>}: the same inputs give the same name. */
    ModelRef versionFor(List<FineTuningRequest.Pair> pairs) {
        return base.withVersion(base.version() + "-ft-"
                + VectorCache.hash(List.of(base.toString(), pairs.toString(), settings.toString())));
    }
}
