package io.magpie.api.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 * @param attributes   attribute name to its values (e.g. "material" -> ["cotton"]); may be empty
 * @param price        price in {@code currency}, may be null
 * @param currency     ISO 4217 code of the price (e.g. "USD"), may be null
 * @param rating       average rating, may be null
 * @param ratingCount  number of ratings, may be null
 * @param inStock      whether it can be bought now; null (not sent) counts as in stock
 * @param imageUrl     image address, may be null
 * @param updatedAt    when its content last changed; set by the catalogue, ignored on input
 * @param version      content version, set by the catalogue (+1 on every change of content; re-sending an
 *                     unchanged product keeps it); ignored on input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Product(
        String id,
        String title,
        String description,
        List<String> bulletPoints,
        String brand,
        String color,
        List<String> category,
        Map<String, List<String>> attributes,
        Double price,
        String currency,
        Double rating,
        Integer ratingCount,
        Boolean inStock,
        String imageUrl,
        Instant updatedAt,
        Long version) {

    /** A product as a store sends it, without attributes, currency, stock or catalogue-set fields. */
    public Product(
            String id,
            String title,
            String description,
            List<String> bulletPoints,
            String brand,
            String color,
            List<String> category,
            Double price,
            Double rating,
            Integer ratingCount,
            String imageUrl) {
        this(
                id,
                title,
                description,
                bulletPoints,
                brand,
                color,
                category,
                null,
                price,
                null,
                rating,
                ratingCount,
                null,
                imageUrl,
                null,
                null);
    }

    /** Whether it can be bought now: only an explicit {@code "inStock": false} says no. */
    public boolean available() {
        return inStock == null || inStock;
    }

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
            append(text, CategoryPath.join(category));
        }
        return text.toString();
    }

    /** The text lexical search sees: what the product is, then everything that describes it. */
    public String searchableText() {
        StringBuilder text = new StringBuilder(embeddingText());
        if (bulletPoints != null) {
            bulletPoints.forEach(b -> append(text, b));
        }
        // attribute values are words shoppers type ("cotton", "16 oz"); names alone would only add noise
        if (attributes != null) {
            attributes.values().forEach(values -> {
                if (values != null) {
                    values.forEach(v -> append(text, v));
                }
            });
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
