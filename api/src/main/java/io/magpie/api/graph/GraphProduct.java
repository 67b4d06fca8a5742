package io.magpie.api.graph;

import java.util.List;

/**
 * What the knowledge graph keeps of a catalogue product.
 *
 * @param id       product id
 * @param title    product title (shown in explanations)
 * @param brand    brand name, may be null
 * @param category category path, root first; may be empty
 */
public record GraphProduct(String id, String title, String brand, List<String> category) {
}
