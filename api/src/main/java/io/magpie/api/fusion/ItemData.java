package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.catalog.Product;
import java.util.List;

/**
 * The catalogue data of one candidate that ranking features need; every field may be null (unknown).
 *
 * @param title       product title
 * @param brand       brand name
 * @param category    category path, root first
 * @param color       colour, when the catalogue has it
 * @param rating      average rating
 * @param ratingCount number of ratings
 * @param price       price
 * @param inStock     whether it can be bought now; null counts as in stock (as in the catalogue)
 * @param bulletPoints feature bullets (text matches in them are ranking features); may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemData(
        String title,
        String brand,
        List<String> category,
        String color,
        Double rating,
        Integer ratingCount,
        Double price,
        Boolean inStock,
        List<String> bulletPoints) {

    /** Without bullet points. */
    public ItemData(
            String title,
            String brand,
            List<String> category,
            String color,
            Double rating,
            Integer ratingCount,
            Double price,
            Boolean inStock) {
        this(title, brand, category, color, rating, ratingCount, price, inStock, null);
    }

    /**
     * The fields of a catalogue product that fusion uses; long descriptions stay behind (they add bytes, and the
     * bullets carry the same facts in fewer words).
     */
    public static ItemData of(Product product) {
        return new ItemData(
                product.title(),
                product.brand(),
                product.category(),
                product.color(),
                product.rating(),
                product.ratingCount(),
                product.price(),
                product.inStock(),
                product.bulletPoints() == null || product.bulletPoints().isEmpty() ? null : product.bulletPoints());
    }
}
