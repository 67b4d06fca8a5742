package io.magpie.api.fusion;

import io.magpie.api.retrieval.CandidateList;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Candidate lists to merge.
 *
 * @param strategy how to merge; null for the service default
 * @param lists    one list per source
 * @param size     how many fused items to return
 */
public record FuseRequest(FusionStrategy strategy, @NotNull List<@Valid @NotNull CandidateList> lists,
                          @Min(1) @Max(1000) int size) {
}
