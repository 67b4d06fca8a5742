package io.magpie.api.fusion;

import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): an item scores the sum over lists of 1 / (k + rank).
 * It needs no score calibration between sources, which is why it is the baseline and the gateway's fallback
 * when fusion-service is unavailable; both use this one implementation.
 */
public final class ReciprocalRankFusion {

    public static final int DEFAULT_K = 60;

    private static final Comparator<FusedItem> BEST_FIRST = Comparator.comparingDouble(FusedItem::score)
            .reversed()
            .thenComparingInt(ReciprocalRankFusion::bestRank)
            .thenComparing(FusedItem::id);

    private final int k;

    public ReciprocalRankFusion(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative: " + k);
        }
        this.k = k;
    }

    /**
     * Merges the lists; an id that a list repeats counts at its first (best) rank only.
     *
     * @return at most {@code size} items, best first; ties broken by best single rank, then id
     */
    public List<FusedItem> fuse(List<CandidateList> lists, int size) {
        Map<String, List<SourceContribution>> contributions = new LinkedHashMap<>();
        for (CandidateList list : lists) {
            int rank = 0;
            for (Candidate candidate : list.candidates()) {
                rank++;
                List<SourceContribution> ofItem =
                        contributions.computeIfAbsent(candidate.id(), id -> new ArrayList<>());
                if (ofItem.stream().noneMatch(c -> c.source().equals(list.source()))) {
                    ofItem.add(new SourceContribution(list.source(), rank, 1.0 / (k + rank)));
                }
            }
        }
        return contributions.entrySet().stream()
                .map(e -> fusedItem(e.getKey(), e.getValue()))
                .sorted(BEST_FIRST)
                .limit(size)
                .toList();
    }

    private static FusedItem fusedItem(String id, List<SourceContribution> contributions) {
        List<SourceContribution> largestFirst = contributions.stream()
                .sorted(Comparator.comparingDouble(SourceContribution::contribution)
                        .reversed()
                        .thenComparing(SourceContribution::source))
                .toList();
        double score = largestFirst.stream()
                .mapToDouble(SourceContribution::contribution)
                .sum();
        return new FusedItem(id, score, largestFirst);
    }

    private static int bestRank(FusedItem item) {
        return item.sources().stream().mapToInt(SourceContribution::rank).min().orElse(Integer.MAX_VALUE);
    }
}
