package io.magpie.fusion.ranking;

import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.attention.AttentionFusionModel;
import io.magpie.fusion.ranking.trees.TreeRanker;

/**
 * A learned ranker version loaded and ready to score: trees or an attention model, as its kind says.
 *
 * @param descriptor what it is
 * @param trees      its trees (kind {@value ModelDescriptor#LAMBDAMART}), else null
 * @param attention  its attention model (kind {@value ModelDescriptor#ATTENTION}), else null
 */
public record LoadedModel(ModelDescriptor descriptor, TreeRanker trees, AttentionFusionModel attention) {

    public LoadedModel(ModelDescriptor descriptor, TreeRanker trees) {
        this(descriptor, trees, null);
    }

    public static LoadedModel ofAttention(ModelDescriptor descriptor, AttentionFusionModel attention) {
        return new LoadedModel(descriptor, null, attention);
    }

    /** Frees the model's native memory. */
    public void close() {
        if (trees != null) {
            trees.close();
        }
        if (attention != null) {
            attention.close();
        }
    }
}
