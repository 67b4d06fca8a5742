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
 * @param filter   restricts the dense and lexical candidates; {@link CandidateFilter#NONE} for none
 */
public record SearchQuery(String text, int size, Set<String> sources, FusionStrategy strategy,
                          CandidateFilter filter) {

    public SearchQuery(String text, int size, Set<String> sources, FusionStrategy strategy) {
        this(text, size, sources, strategy, CandidateFilter.NONE);
    }
}
