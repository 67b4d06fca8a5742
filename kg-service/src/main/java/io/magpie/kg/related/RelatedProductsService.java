package io.magpie.kg.related;

import io.magpie.api.graph.admin.RelatedProducts;
import io.magpie.kg.config.RelatedConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.async.AsyncQueryRunner;

/**
 * Complements and substitutes of a product, scored by the links that relate them ({@link RelatedConfig}), each with
 * its paths and a reason in words.
 */
@ApplicationScoped
public class RelatedProductsService {

    private final RelatedProductsStore store;
    private final RelatedConfig config;

    public RelatedProductsService(RelatedProductsStore store, RelatedConfig config) {
        this.store = store;
        this.config = config;
    }

    public Uni<RelatedProducts> complements(String id, int k) {
        return store.complements(id)
                .map(rows -> rank(
                        id, "complements", rows.stream().map(this::complement).toList(), k));
    }

    /** As {@link #complements(String, int)}, read inside a caller's transaction (a preview of a pending edit). */
    public Uni<RelatedProducts> complements(AsyncQueryRunner tx, String id, int k) {
        return store.complements(tx, id)
                .map(rows -> rank(
                        id, "complements", rows.stream().map(this::complement).toList(), k));
    }

    public Uni<RelatedProducts> substitutes(String id, int k) {
        return store.substitutes(id, config.overlapScanLimit())
                .map(rows -> rank(
                        id, "substitutes", rows.stream().map(this::substitute).toList(), k));
    }

    private RelatedLink complement(RelatedProductsStore.Row row) {
        String product = name(row.productTitle());
        String other = name(row.title());
        double weight = row.weight() == null ? 1 : row.weight(); // the link's own weight, 1 unless curated
        return switch (row.type()) {
            case "ACCESSORY_OF" ->
                row.fromOther()
                        ? link(
                                row,
                                config.accessoryWeight() * weight,
                                "(" + other + ")-[:ACCESSORY_OF]->(" + product + ")",
                                "accessory of '" + product + "'")
                        : link(
                                row,
                                config.accessoryWeight() * weight,
                                "(" + product + ")-[:ACCESSORY_OF]->(" + other + ")",
                                "'" + product + "' is an accessory of it");
            case "COMPATIBLE_WITH" ->
                link(
                        row,
                        config.compatibleWeight() * weight,
                        "(" + product + ")-[:COMPATIBLE_WITH]-(" + other + ")",
                        "compatible with '" + product + "'");
            default ->
                link(
                        row,
                        config.alsoBoughtWeight() * weight,
                        "(" + product + ")-[:ALSO_BOUGHT {weight: " + weight + "}]-(" + other + ")",
                        "often bought with '" + product + "'");
        };
    }

    private RelatedLink substitute(RelatedProductsStore.Row row) {
        String product = name(row.productTitle());
        String other = name(row.title());
        if (row.type().equals("SUBSTITUTE_FOR")) {
            return row.fromOther()
                    ? link(
                            row,
                            config.substituteWeight(),
                            "(" + other + ")-[:SUBSTITUTE_FOR]->(" + product + ")",
                            "substitute for '" + product + "'")
                    : link(
                            row,
                            config.substituteWeight(),
                            "(" + product + ")-[:SUBSTITUTE_FOR]->(" + other + ")",
                            "'" + product + "' is a substitute for it");
        }
        double share = row.attributes() == 0 ? 0 : (double) row.shared().size() / row.attributes();
        return link(
                row,
                config.attributeOverlapWeight() * share,
                "(" + product + ")-[:IN_CATEGORY]->(" + row.category() + ")<-[:IN_CATEGORY]-(" + other + ")",
                "same category '" + row.category() + "', shares " + String.join(", ", row.shared()));
    }

    private static RelatedLink link(RelatedProductsStore.Row row, double score, String path, String reason) {
        return new RelatedLink(row.id(), row.title(), score, path, reason);
    }

    /** Links summed per product, best first; ties by id so that answers are stable. */
    private static RelatedProducts rank(String id, String kind, List<RelatedLink> links, int k) {
        Map<String, List<RelatedLink>> byProduct = new LinkedHashMap<>();
        for (RelatedLink link : links) {
            byProduct.computeIfAbsent(link.id(), ignored -> new ArrayList<>()).add(link);
        }
        List<RelatedProducts.Item> items = byProduct.values().stream()
                .map(RelatedProductsService::item)
                .sorted(Comparator.comparingDouble(RelatedProducts.Item::score)
                        .reversed()
                        .thenComparing(RelatedProducts.Item::id))
                .limit(k)
                .toList();
        return new RelatedProducts(id, kind, items);
    }

    private static RelatedProducts.Item item(List<RelatedLink> links) {
        List<RelatedLink> strongestFirst = links.stream()
                .sorted(Comparator.comparingDouble(RelatedLink::score).reversed())
                .toList();
        double score = links.stream().mapToDouble(RelatedLink::score).sum();
        RelatedLink first = strongestFirst.get(0);
        return new RelatedProducts.Item(
                first.id(),
                first.title(),
                score,
                strongestFirst.stream().map(RelatedLink::path).toList(),
                String.join(
                        "; ", strongestFirst.stream().map(RelatedLink::reason).toList()));
    }

    private static String name(String title) {
        return title == null ? "untitled" : title;
    }
}
