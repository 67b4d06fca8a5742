package io.magpie.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.fusion.ItemExplanation;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;

/**
 * One product of a search answer.
 *
 * @param id       product id
 * @param title    product title
 * @param brand    brand, may be null
 * @param category category path, root first
 * @param price    price, may be null
 * @param score    fused score
 * @param sources  the sources that proposed it and what each contributed
 * @param explanation with {@code explain=true} (trusted keys) and a learned model: its features and their
 *                 contributions to the score; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(
        String id,
        String title,
        String brand,
        List<String> category,
        Double price,
        double score,
        List<SourceContribution> sources,
        ItemExplanation explanation) {

    public SearchHit(
            String id,
            String title,
            String brand,
            List<String> category,
            Double price,
            double score,
            List<SourceContribution> sources) {
        this(id, title, brand, category, price, score, sources, null);
    }
}
