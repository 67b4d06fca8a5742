package io.magpie.fusion.strategy;

import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;

/**
 * Max score fusion: an item scores its largest normalised score over the sources that proposed it. Each source's
 * contribution is its normalised score; the fused score is the largest of them, and ties are broken by the sum
 * of all of them, so an item that several sources rank high comes before one that a single source does.
 */
public final class MaxFusion extends ScoreFusion {

    @Override
    public FusionStrategy strategy() {
        return FusionStrategy.MAX;
    }

    @Override
    double contribution(NormalisedCandidate candidate) {
        return candidate.score();
    }

    @Override
    double combine(List<SourceContribution> contributions) {
        return contributions.stream()
                .mapToDouble(SourceContribution::contribution)
                .max()
                .orElse(0.0);
    }
}
