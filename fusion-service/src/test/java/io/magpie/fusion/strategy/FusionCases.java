package io.magpie.fusion.strategy;

import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import java.util.ArrayList;
import java.util.List;

/** Hand-made candidate lists for the strategy tests. */
final class FusionCases {

    private FusionCases() {}

    /** {@code list("dense", "a", 0.9, "b", 0.8)}: ids and scores alternating, best first. */
    static CandidateList list(String source, Object... idsAndScores) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < idsAndScores.length; i += 2) {
            candidates.add(new Candidate((String) idsAndScores[i], ((Number) idsAndScores[i + 1]).doubleValue()));
        }
        return new CandidateList(source, candidates);
    }

    /**
     * Three sources on three scales (scores exact in binary, so normalised values compare exactly). Normalised: dense a 1.0, b 0.75, c 0.0; lexical b 1.0, d 0.5, e 0.0;
     * graph c 1.0, a 0.0.
     */
    static List<CandidateList> threeSources() {
        return List.of(
                list("dense", "a", 0.875, "b", 0.75, "c", 0.375),
                list("lexical", "b", 12.0, "d", 9.0, "e", 6.0),
                list("graph", "c", 7.0, "a", 2.0));
    }
}
