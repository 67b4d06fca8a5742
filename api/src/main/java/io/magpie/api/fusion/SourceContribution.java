package io.magpie.api.fusion;

/**
 * What one source added to a fused item's score.
 *
 * @param source       the source's name
 * @param rank         the item's rank in that source's list, 1-based
 * @param contribution the part of the fused score that came from this source
 */
public record SourceContribution(String source, int rank, double contribution) {}
