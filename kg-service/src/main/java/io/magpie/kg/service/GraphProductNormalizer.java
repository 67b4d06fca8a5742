package io.magpie.kg.service;

import io.magpie.api.graph.GraphProduct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts validated products in the form the graph stores: names trimmed (so " Bounty" and "Bounty" are one
 * brand), a blank brand meaning no brand, a missing category meaning none, and one product per id (the last
 * one in the batch wins, as if the products had been sent one after the other).
 */
@ApplicationScoped
public class GraphProductNormalizer {

    public List<GraphProduct> normalize(List<GraphProduct> products) {
        Map<String, GraphProduct> byId = new LinkedHashMap<>();
        for (GraphProduct product : products) {
            byId.remove(product.id()); // keeps the order of the last occurrence
            byId.put(product.id(), normalize(product));
        }
        return List.copyOf(byId.values());
    }

    private static GraphProduct normalize(GraphProduct product) {
        String brand = product.brand() == null || product.brand().isBlank() ? null : product.brand().strip();
        List<String> category = new ArrayList<>();
        if (product.category() != null) {
            product.category().forEach(name -> category.add(name.strip()));
        }
        return new GraphProduct(product.id(), product.title(), brand, List.copyOf(category));
    }
}
