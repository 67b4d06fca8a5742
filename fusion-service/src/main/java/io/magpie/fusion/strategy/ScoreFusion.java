package io.magpie.fusion.strategy;

import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.SourceContribution;
import io.magpie.api.retrieval.CandidateList;
import java.util.Comparator;
import java.util.List;

/**
 * The score-based strategies: normalise each list's scores ({@link MinMaxNormalisation}), turn each source's
 * normalised score into a contribution, combine an item's contributions into its fused score.
 * Ordered by fused score, then by the sum of contributions (for {@code max}: among items with the same best
 * score, those that more sources back come first), then by best single rank, then by id. Lists that all come from
 * one source are that source's ranking ({@link LoneSource}).
 */
abstract class ScoreFusion implements ListFusion {

    private static final Comparator<SourceContribution> LARGEST_FIRST = Comparator.comparingDouble(
                    SourceContribution::contribution)
            .reversed()
            .thenComparingInt(SourceContribution::rank)
            .thenComparing(SourceContribution::source);

    private static final Comparator<FusedItem> BEST_FIRST = Comparator.comparingDouble(FusedItem::score)
            .reversed()
            .thenComparing(
                    Comparator.comparingDouble(ScoreFusion::contributionSum).reversed())
            .thenComparingInt(ScoreFusion::bestRank)
            .thenComparing(FusedItem::id);

    /** What a source with this normalised score adds to an item. */
    abstract double contribution(NormalisedCandidate candidate);

    /** The fused score from an item's contributions (never empty). */
    abstract double combine(List<SourceContribution> contributions);

    @Override
    public final List<FusedItem> fuse(List<CandidateList> lists, int size) {
        if (LoneSource.isLone(lists)) {
            // one source: its own order and normalised score, not scaled by its weight (a weight of 0 scored all 0)
            return LoneSource.ranking(lists, size);
        }
        return MinMaxNormalisation.byItem(lists).entrySet().stream()
                .map(e -> fusedItem(e.getKey(), e.getValue()))
                .sorted(BEST_FIRST)
                .limit(size)
                .toList();
    }

    private FusedItem fusedItem(String id, List<NormalisedCandidate> candidates) {
        List<SourceContribution> contributions = candidates.stream()
                .map(c -> new SourceContribution(c.source(), c.rank(), contribution(c)))
                .sorted(LARGEST_FIRST)
                .toList();
        return new FusedItem(id, combine(contributions), contributions);
    }

    private static double contributionSum(FusedItem item) {
        return item.sources().stream()
                .mapToDouble(SourceContribution::contribution)
                .sum();
    }

    private static int bestRank(FusedItem item) {
        return item.sources().stream().mapToInt(SourceContribution::rank).min().orElse(Integer.MAX_VALUE);
    }
}
