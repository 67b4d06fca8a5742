package io.magpie.api.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A product of the catalogue, as stored by retrieval-service and returned to storefronts.
 *
 * @param id           the store's product id (for the ESCI data, the ASIN)
 * @param title        product title
 * @param description  long description, may be empty
 * @param bulletPoints feature bullets, may be empty
 * @param brand        brand name, may be null
 * @param color        colour, may be null
 * @param category     category path, root first; may be empty
 * @param price        price in the store's currency, may be null
 * @param rating       average rating, may be null
 * @param ratingCount  number of ratings, may be null
 * @param imageUrl     image address, may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Product(String id, String title, String description, List<String> bulletPoints, String brand,
                      String color, List<String> category, Double price, Double rating, Integer ratingCount,
                      String imageUrl) {

    /**
     * The text the encoder turns into the product's vector: what the product is (title, brand, colour, category),
     * without bullets and description. On CPU the encoder's cost grows with text length; this text averages a
     * few dozen word pieces where the full text fills the model's 256 (measured: 34 vs 10 products/s on 2 cores),
     * and lexical search still sees the full text ({@link #searchableText()}). See docs/adr/0004.
     */
    public String embeddingText() {
        StringBuilder text = new StringBuilder(title == null ? "" : title);
        append(text, brand);
        append(text, color);
        if (category != null && !category.isEmpty()) {
            append(text, String.join(" > ", category));
        }
        return text.toString();
    }

    /** The text lexical search sees: what the product is, then everything that describes it. */
    public String searchableText() {
        StringBuilder text = new StringBuilder(embeddingText());
        if (bulletPoints != null) {
            bulletPoints.forEach(b -> append(text, b));
        }
        append(text, description);
        return text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (part != null && !part.isBlank()) {
            text.append(". ").append(part.strip());
        }
    }
}
