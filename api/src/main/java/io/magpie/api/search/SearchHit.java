package io.magpie.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.fusion.ItemExplanation;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;

/**
 * One product of a search answer, with what a store needs to show it.
 *
 * @param id          product id
 * @param title       product title
 * @param brand       brand, may be null
 * @param category    category path, root first
 * @param price       price, may be null
 * @param currency    ISO 4217 code of the price, may be null
 * @param inStock     whether it can be bought now (a product that never said counts as in stock)
 * @param rating      average rating, may be null
 * @param ratingCount number of ratings, may be null
 * @param image       image address, may be null
 * @param score       fused score
 * @param sources     the sources that proposed it and what each contributed
 * @param explanation with {@code explain=true} (trusted keys) and a learned model: its features and their
 *                    contributions to the score; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(
        String id,
        String title,
        String brand,
        List<String> category,
        Double price,
        String currency,
        Boolean inStock,
        Double rating,
        Integer ratingCount,
        String image,
        double score,
        List<SourceContribution> sources,
        ItemExplanation explanation) {

    /** A hit without catalogue data (the catalogue did not answer): id, score and sources only. */
    public static SearchHit unhydrated(String id, double score, List<SourceContribution> sources) {
        return new SearchHit(id, null, null, null, null, null, null, null, null, null, score, sources, null);
    }
}
