package io.magpie.eval.finetune;

import io.magpie.api.encoder.FineTuningRequest;
import io.magpie.eval.metrics.Bootstrap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code finetune-eval} run measured; {@code finetune-esci.json} is its JSON form.
 *
 * @param generatedAt  when the run ended
 * @param encoder      the encoder-service measured
 * @param dataset      the data set folder
 * @param commit       the source commit, when known
 * @param baseModel    the model before fine-tuning, name@version
 * @param k            folds
 * @param foldSeed     seed of the split into folds
 * @param settings     the hyper-parameters sent (null fields: the service's defaults, see each fold's training)
 * @param protocol     how the figures are computed
 * @param folds        one entry per fold
 * @param base         metric name to the base model's mean over all queries, each measured in its held-out fold
 * @param fineTuned    the same for the fine-tuned models
 * @param comparison   metric name to fine-tuned minus base, paired over queries
 * @param queries      per query: fold and metric values of both models
 */
public record FineTuneReport(
        String generatedAt,
        String encoder,
        String dataset,
        String commit,
        String baseModel,
        int k,
        long foldSeed,
        FineTuningRequest.Settings settings,
        String protocol,
        List<FoldResult> folds,
        Map<String, Bootstrap.Estimate> base,
        Map<String, Bootstrap.Estimate> fineTuned,
        Map<String, Bootstrap.Comparison> comparison,
        List<QueryResult> queries) {

    /**
     * @param fold            0-based fold index
     * @param trainQueries    queries whose pairs trained the model
     * @param testQueries     held-out queries measured
     * @param pairs           training pairs
     * @param model           the fine-tuned version, name@version
     * @param reused          true when the version existed from an earlier run with the same pairs and settings
     * @param training        the version's training metadata as the service recorded it
     * @param baseMeans       metric name to the base model's mean over this fold's held-out queries
     * @param fineTunedMeans  the same for the fine-tuned model
     */
    public record FoldResult(
            int fold,
            int trainQueries,
            int testQueries,
            int pairs,
            String model,
            boolean reused,
            Object training,
            Map<String, Double> baseMeans,
            Map<String, Double> fineTunedMeans) {}

    /** One held-out query. */
    public record QueryResult(String query, int fold, Map<String, Double> base, Map<String, Double> fineTuned) {}
}
