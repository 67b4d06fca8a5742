package io.magpie.api.recs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.fusion.SourceContribution;
import java.util.List;

/**
 * One recommended product and why.
 *
 * @param id       product id
 * @param title    product title
 * @param brand    brand, may be null
 * @param category category path, root first
 * @param price    price, may be null
 * @param score    fused score
 * @param reasons  why, strongest source first ("bought together with X", "similar to X", "popular")
 * @param sources  the sources that proposed it and what each contributed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendedItem(
        String id,
        String title,
        String brand,
        List<String> category,
        Double price,
        double score,
        List<String> reasons,
        List<SourceContribution> sources) {}
