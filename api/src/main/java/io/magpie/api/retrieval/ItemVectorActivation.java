package io.magpie.api.retrieval;

/**
 * The collaborative item vectors served after an activation.
 *
 * @param version  the version served now
 * @param previous the version served before (kept for a roll-back until the next activation), or null
 * @param items    how many items have a vector in the version served now
 */
public record ItemVectorActivation(String version, String previous, long items) {}
