package io.magpie.api.recs;

import io.magpie.api.retrieval.CandidateList;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Recommendation candidate lists for fusion-service to rank with its recommendation weights (which differ from
 * search's: a co-occurring item is stronger evidence than a similar text).
 *
 * @param lists one list per source, excluded items already removed
 * @param size  how many ranked items to return
 */
public record RecommendationRankRequest(
        @NotNull List<@Valid @NotNull CandidateList> lists,
        @Min(1) @Max(1000) int size) {}
