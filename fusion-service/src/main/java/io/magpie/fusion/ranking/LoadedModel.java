package io.magpie.fusion.ranking;

import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.trees.TreeRanker;

/**
 * A learned ranker version loaded and ready to score.
 *
 * @param descriptor what it is
 * @param trees      its trees
 */
public record LoadedModel(ModelDescriptor descriptor, TreeRanker trees) {
}
