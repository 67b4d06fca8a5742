package io.magpie.fusion.strategy;

import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;

/**
 * Weighted score fusion: an item scores the sum over the sources that proposed it of
 * {@code weight(source) * normalised score}; a source that did not propose it adds nothing.
 */
public final class WeightedFusion extends ScoreFusion {

    private final SourceWeights weights;

    public WeightedFusion(SourceWeights weights) {
        this.weights = weights;
    }

    @Override
    public FusionStrategy strategy() {
        return FusionStrategy.WEIGHTED;
    }

    @Override
    double contribution(NormalisedCandidate candidate) {
        return weights.of(candidate.source()) * candidate.score();
    }

    @Override
    double combine(List<SourceContribution> contributions) {
        return contributions.stream()
                .mapToDouble(SourceContribution::contribution)
                .sum();
    }
}
