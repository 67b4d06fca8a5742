package io.magpie.fusion.strategy;

import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.SourceContribution;
import io.magpie.api.retrieval.CandidateList;
import java.util.List;

/**
 * The ranking of a request whose lists all come from one source: that source's own order, each item scored by
 * its min-max normalised score. With one source there is nothing to weigh or fuse: a source weight (relative
 * trust between sources) would only scale every score alike, and a weight of 0 would score every item 0, and a
 * learned ranker trained on several sources would reorder a list it never saw alone (docs/adr/0032).
 */
public final class LoneSource {

    private LoneSource() {}

    /** Whether every list comes from the same source (and there is at least one list). */
    public static boolean isLone(List<CandidateList> lists) {
        return !lists.isEmpty()
                && lists.stream().map(CandidateList::source).distinct().count() == 1;
    }

    /**
     * The source's items in its own order (an id repeated counts at its first position), at most {@code size},
     * each with its normalised score as score and as the source's contribution.
     */
    public static List<FusedItem> ranking(List<CandidateList> lists, int size) {
        return MinMaxNormalisation.byItem(lists).entrySet().stream()
                .limit(size)
                .map(entry -> {
                    NormalisedCandidate candidate = entry.getValue().get(0);
                    return new FusedItem(
                            entry.getKey(),
                            candidate.score(),
                            List.of(new SourceContribution(candidate.source(), candidate.rank(), candidate.score())));
                })
                .toList();
    }
}
