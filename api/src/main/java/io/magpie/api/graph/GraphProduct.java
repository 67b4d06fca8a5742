package io.magpie.api.graph;

import java.util.List;
import java.util.Map;

/**
 * What the knowledge graph keeps of a catalogue product.
 *
 * @param id         product id
 * @param title      product title (shown in explanations)
 * @param brand      brand name, may be null
 * @param category   category path, root first; may be empty
 * @param attributes attribute name to values (for example "color" to ["red"]); may be empty or null
 * @param version    the catalogue's version of this product; a write older than what the graph holds is ignored,
 *                   so re-delivered or reordered changes are harmless. 0 means unversioned.
 */
public record GraphProduct(
        String id,
        String title,
        String brand,
        List<String> category,
        Map<String, List<String>> attributes,
        long version) {

    /** A product without attributes or version. */
    public GraphProduct(String id, String title, String brand, List<String> category) {
        this(id, title, brand, category, Map.of(), 0);
    }
}
