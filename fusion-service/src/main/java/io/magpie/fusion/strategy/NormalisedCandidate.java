package io.magpie.fusion.strategy;

/**
 * A candidate of one source with its score min-max normalised within that source's list.
 *
 * @param source the source's name
 * @param rank   1-based position in the source's list
 * @param score  normalised score in [0, 1]; 1.0 for the list's best score
 */
public record NormalisedCandidate(String source, int rank, double score) {}
