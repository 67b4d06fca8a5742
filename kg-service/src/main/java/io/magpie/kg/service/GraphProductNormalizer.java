package io.magpie.kg.service;

import io.magpie.api.graph.GraphProduct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Puts validated products in the form the graph stores: names trimmed (so " Bounty" and "Bounty" are one
 * brand), a blank brand meaning no brand, a missing category or attribute map meaning none, attribute names in
 * lower case ("Color" and "color" are one attribute), repeated values once, and one product per id (the highest
 * version wins; among equal versions the last in the batch, as if they had been sent one after the other).
 */
@ApplicationScoped
public class GraphProductNormalizer {

    public List<GraphProduct> normalize(List<GraphProduct> products) {
        Map<String, GraphProduct> byId = new LinkedHashMap<>();
        for (GraphProduct product : products) {
            GraphProduct earlier = byId.get(product.id());
            if (earlier == null || earlier.version() <= product.version()) {
                byId.remove(product.id()); // keeps the order of the winning occurrence
                byId.put(product.id(), normalize(product));
            }
        }
        return List.copyOf(byId.values());
    }

    private static GraphProduct normalize(GraphProduct product) {
        String brand = product.brand() == null || product.brand().isBlank()
                ? null
                : product.brand().strip();
        List<String> category = new ArrayList<>();
        if (product.category() != null) {
            product.category().forEach(name -> category.add(name.strip()));
        }
        return new GraphProduct(
                product.id(),
                product.title(),
                brand,
                List.copyOf(category),
                attributes(product.attributes()),
                product.version());
    }

    private static Map<String, List<String>> attributes(Map<String, List<String>> attributes) {
        if (attributes == null) {
            return Map.of();
        }
        Map<String, Set<String>> byName = new LinkedHashMap<>();
        attributes.forEach((name, values) -> {
            Set<String> merged =
                    byName.computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), n -> new LinkedHashSet<>());
            values.forEach(value -> merged.add(value.strip()));
        });
        Map<String, List<String>> normalized = new LinkedHashMap<>();
        byName.forEach((name, values) -> normalized.put(name, List.copyOf(values)));
        return normalized;
    }
}
