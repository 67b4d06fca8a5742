package io.magpie.fusion.strategy;

import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the scores of different sources on one scale: within each list, {@code (score - min) / (max - min)}, so
 * the list's best score becomes 1.0 and its worst 0.0. A list of one item, or one whose scores are all equal,
 * has no spread to scale by: its items all get 1.0 (each is as good as that source's best).
 */
public final class MinMaxNormalisation {

    private MinMaxNormalisation() {}

    /**
     * The normalised candidates of all lists, grouped by item id in order of first appearance. An id that a list
     * repeats counts at its first position only (with that position's score); later repeats neither appear nor
     * widen the list's min-max range. A source that sends two lists counts for an item once, in its first list
     * that has the item (as in reciprocal rank fusion).
     */
    public static Map<String, List<NormalisedCandidate>> byItem(List<CandidateList> lists) {
        Map<String, List<NormalisedCandidate>> byItem = new LinkedHashMap<>();
        for (CandidateList list : lists) {
            List<Candidate> firsts = new ArrayList<>();
            List<Integer> ranks = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int rank = 0;
            for (Candidate candidate : list.candidates()) {
                rank++;
                if (seen.add(candidate.id())) {
                    firsts.add(candidate);
                    ranks.add(rank);
                    min = Math.min(min, candidate.score());
                    max = Math.max(max, candidate.score());
                }
            }
            double range = max - min;
            boolean spread = range > 0 && Double.isFinite(range);
            for (int i = 0; i < firsts.size(); i++) {
                Candidate candidate = firsts.get(i);
                double normalised = spread ? (candidate.score() - min) / range : 1.0;
                List<NormalisedCandidate> ofItem = byItem.computeIfAbsent(candidate.id(), id -> new ArrayList<>());
                if (ofItem.stream().noneMatch(c -> c.source().equals(list.source()))) {
                    ofItem.add(new NormalisedCandidate(list.source(), ranks.get(i), normalised));
                }
            }
        }
        return byItem;
    }
}
