package io.magpie.gateway.service;

import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.retrieval.CandidateFilter;
import java.util.Set;

/**
 * A validated search request.
 *
 * @param text     the shopper's query
 * @param size     how many items to answer
 * @param sources  candidate sources to use ({@link io.magpie.api.retrieval.Sources})
 * @param strategy fusion strategy, null for fusion-service's default
 * @param filter   restricts the candidates; {@link CandidateFilter#NONE} for none
 * @param depth    candidates asked of each source; 0 for the configured number
 * @param model    with strategy {@code model}: the model version; null for the active one
 * @param explain  whether hits carry the learned model's features and contributions
 */
public record SearchQuery(
        String text,
        int size,
        Set<String> sources,
        FusionStrategy strategy,
        CandidateFilter filter,
        int depth,
        String model,
        boolean explain) {

    public SearchQuery(String text, int size, Set<String> sources, FusionStrategy strategy, CandidateFilter filter) {
        this(text, size, sources, strategy, filter, 0, null, false);
    }

    public SearchQuery(String text, int size, Set<String> sources, FusionStrategy strategy) {
        this(text, size, sources, strategy, CandidateFilter.NONE);
    }
}
