package io.magpie.gateway.model;

import java.util.List;

/**
 * The whole fused ranking of one normalised request: every candidate of every source, best first, with its
 * catalogue data. Pages, filters, sorts and facets are views of it, so they agree with each other.
 *
 * @param items       best first
 * @param degraded    branches that failed or timed out while it was made
 * @param depth       candidates asked of each source
 * @param fingerprint identifies the order of {@code items}: a cursor made on one ranking is honoured by another
 *                    only if their fingerprints are equal
 * @param strategy    what ordered the items (a fusion strategy's name, {@value #LISTING} for a category listing),
 *                    logged with every page served from it
 * @param model       the fusion model version when a learned model ordered them; else null
 */
public record FusedRanking(
        List<RankedItem> items, List<String> degraded, int depth, long fingerprint, String strategy, String model) {

    /** The order of a category listing: popular lately, then best rated. */
    public static final String LISTING = "listing";

    public static FusedRanking of(List<RankedItem> items, List<String> degraded, int depth) {
        return of(items, degraded, depth, LISTING, null);
    }

    public static FusedRanking of(
            List<RankedItem> items, List<String> degraded, int depth, String strategy, String model) {
        return new FusedRanking(
                List.copyOf(items), List.copyOf(degraded), depth, fingerprintOf(items), strategy, model);
    }

    /** FNV-1a over the ids in order: cheap, stable across replicas and restarts. */
    static long fingerprintOf(List<RankedItem> items) {
        long hash = 0xcbf29ce484222325L;
        for (RankedItem item : items) {
            for (int i = 0; i < item.id().length(); i++) {
                hash = (hash ^ item.id().charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ 0x1f) * 0x100000001b3L;
        }
        return hash;
    }
}
