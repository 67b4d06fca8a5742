package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.retrieval.CandidateList;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Candidate lists to merge, with what a learned ranker needs to score them. This is also the unit of training
 * data: a labelled example is the request exactly as serving receives it, so training and serving compute the
 * same features.
 *
 * @param strategy how to merge; null for the service default (the active model, else the configured fixed one)
 * @param lists    one list per source
 * @param size     how many fused items to return
 * @param context  the query; may be null
 * @param items    catalogue data by candidate id (the union of all lists, as hydrated by the gateway); may be null
 *                 or miss ids (the catalogue was down): their item features are then "unknown"
 * @param model    with strategy {@code model}: the model version to use; null for the active one
 * @param explain  whether each item should carry its features and the model's per-feature contributions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FuseRequest(
        FusionStrategy strategy,
        @NotNull List<@Valid @NotNull CandidateList> lists,
        @Min(1) @Max(MAX_SIZE) int size,
        @Valid QueryContext context,
        Map<String, ItemData> items,
        @Size(max = 100) String model,
        Boolean explain) {

    /** The most fused items one request may ask for. */
    public static final int MAX_SIZE = 1000;

    /** Lists only: the fixed strategies need nothing else. */
    public FuseRequest(FusionStrategy strategy, List<CandidateList> lists, int size) {
        this(strategy, lists, size, null, null, null, null);
    }

    public boolean explained() {
        return Boolean.TRUE.equals(explain);
    }
}
