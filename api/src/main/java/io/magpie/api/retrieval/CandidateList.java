package io.magpie.api.retrieval;

import java.util.List;

/**
 * The ranked candidates of one source, best first.
 *
 * @param source     the source's name ({@link Sources})
 * @param candidates best first
 */
public record CandidateList(String source, List<Candidate> candidates) {

    public static CandidateList empty(String source) {
        return new CandidateList(source, List.of());
    }
}
