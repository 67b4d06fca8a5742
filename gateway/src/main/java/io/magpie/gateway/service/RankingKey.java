package io.magpie.gateway.service;

import io.magpie.api.fusion.FusionStrategy;
import java.util.List;
import java.util.Locale;

/**
 * What decides a fused ranking, normalised so that requests that rank alike share one cached ranking: filters,
 * sort and page are views of the ranking and not part of it.
 *
 * @param text     the query, lower-cased with runs of white space as one space; null for a category listing
 * @param category for a category listing, the category path (levels joined with " > "); else null
 * @param sources  the requested sources, sorted
 * @param strategy the fusion strategy, null for the default
 * @param model    the learned model version, null for the active one
 * @param explain  whether items carry the model's explanation
 */
public record RankingKey(
        String text, String category, List<String> sources, FusionStrategy strategy, String model, boolean explain) {

    public static RankingKey search(
            String text, List<String> sources, FusionStrategy strategy, String model, boolean explain) {
        return new RankingKey(normalise(text), null, sources.stream().sorted().toList(), strategy, model, explain);
    }

    public static RankingKey browse(String category) {
        return new RankingKey(null, category, List.of(), null, null, false);
    }

    public boolean isBrowse() {
        return text == null;
    }

    static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
