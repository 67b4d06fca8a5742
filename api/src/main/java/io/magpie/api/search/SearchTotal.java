package io.magpie.api.search;

/**
 * How many items a search has across all its pages, and what was counted.
 *
 * @param value      items that pass the filters: every page together holds exactly this many
 * @param exact      true: counted item by item over the whole candidate set, not estimated
 * @param candidates the fused candidate set before filters (the union of every source's candidates)
 * @param depth      candidates asked of each source; the set holds the best this many of each
 * @param countedOver how it was counted, in words
 */
public record SearchTotal(int value, boolean exact, int candidates, int depth, String countedOver) {}
