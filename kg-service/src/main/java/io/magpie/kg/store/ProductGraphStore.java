package io.magpie.kg.store;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.kg.model.CategoryNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.neo4j.driver.async.AsyncTransactionContext;

/**
 * Writes catalogue products into Neo4j: the product node and its catalogue-derived relations (MADE_BY,
 * IN_CATEGORY with the CHILD_OF chain, HAS). Curated and behaviour relations are never touched by a re-sync.
 * Writes are idempotent by catalogue version: a product is written only when the graph holds no newer version
 * and no newer deletion (a {@code RemovedProduct} tombstone). Every statement takes its input as parameters;
 * nothing from a request is ever spliced into Cypher text.
 */
@ApplicationScoped
public class ProductGraphStore {

    /** Writes the rows the graph holds no newer version of, and returns their ids. */
    static final String UPSERT_PRODUCTS = """
            UNWIND $products AS row
            OPTIONAL MATCH (gone:RemovedProduct {id: row.id})
            WITH row, gone WHERE gone IS NULL OR gone.version < row.version
            MERGE (p:Product {id: row.id})
            WITH row, p, gone WHERE p.version IS NULL OR p.version <= row.version
            SET p.title = row.title, p.version = row.version
            FOREACH (g IN CASE WHEN gone IS NULL THEN [] ELSE [gone] END | DELETE g)
            RETURN row.id AS id""";

    static final String UNLINK_CHANGED_BRANDS = """
            UNWIND $products AS row
            MATCH (p:Product {id: row.id})-[old:MADE_BY]->(b:Brand)
            WHERE row.brand IS NULL OR b.name <> row.brand
            DELETE old""";

    static final String LINK_BRANDS = """
            UNWIND $products AS row
            WITH row WHERE row.brand IS NOT NULL
            MATCH (p:Product {id: row.id})
            MERGE (b:Brand {name: row.brand})
            MERGE (p)-[:MADE_BY]->(b)""";

    static final String UPSERT_CATEGORIES = """
            UNWIND $categories AS c
            MERGE (n:Category {path: c.path})
            SET n.name = c.name""";

    static final String LINK_CATEGORY_PARENTS = """
            UNWIND $categories AS c
            WITH c WHERE c.parent IS NOT NULL
            MATCH (child:Category {path: c.path}), (parent:Category {path: c.parent})
            MERGE (child)-[:CHILD_OF]->(parent)""";

    static final String UNLINK_CHANGED_CATEGORIES = """
            UNWIND $products AS row
            MATCH (p:Product {id: row.id})-[old:IN_CATEGORY]->(c:Category)
            WHERE row.category IS NULL OR c.path <> row.category
            DELETE old""";

    static final String LINK_CATEGORIES = """
            UNWIND $products AS row
            WITH row WHERE row.category IS NOT NULL
            MATCH (p:Product {id: row.id}), (c:Category {path: row.category})
            MERGE (p)-[:IN_CATEGORY]->(c)""";

    static final String UNLINK_CHANGED_ATTRIBUTES = """
            UNWIND $products AS row
            MATCH (p:Product {id: row.id})-[old:HAS]->(a:Attribute)
            WHERE NOT any(x IN row.attributes WHERE x.name = a.name AND x.value = a.value)
            DELETE old""";

    static final String LINK_ATTRIBUTES = """
            UNWIND $products AS row
            MATCH (p:Product {id: row.id})
            UNWIND row.attributes AS x
            MERGE (a:Attribute {name: x.name, value: x.value})
            MERGE (p)-[:HAS]->(a)""";

    static final String DELETE_PRODUCT = """
            MATCH (p:Product {id: $id})
            DETACH DELETE p""";

    /** Deletes the products the graph holds no newer version of, and leaves a tombstone against late upserts. */
    static final String DELETE_PRODUCTS = """
            UNWIND $deletions AS row
            OPTIONAL MATCH (p:Product {id: row.id})
            WITH row, p WHERE p IS NULL OR coalesce(p.version, 0) <= row.version
            MERGE (gone:RemovedProduct {id: row.id})
            SET gone.version = CASE WHEN coalesce(gone.version, -1) < row.version THEN row.version
                                    ELSE gone.version END
            FOREACH (x IN CASE WHEN p IS NULL THEN [] ELSE [p] END | DETACH DELETE x)""";

    private final Neo4jSessions sessions;

    public ProductGraphStore(Neo4jSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Creates or updates the products in one transaction: all of them or none. A product whose brand, category or
     * attributes changed loses its old links; brands, categories and attributes themselves stay (others may use
     * them). Product ids must be distinct.
     *
     * @return how many products were written (the others were older than what the graph holds)
     */
    public Uni<Integer> upsert(List<GraphProduct> products) {
        List<Map<String, Object>> allRows = productRows(products);
        return sessions.write(tx -> tx.runAsync(UPSERT_PRODUCTS, Map.of("products", allRows))
                .thenCompose(
                        cursor -> cursor.listAsync(record -> record.get("id").asString()))
                .thenCompose(written -> {
                    Set<String> ids = new HashSet<>(written);
                    List<Map<String, Object>> rows = allRows.stream()
                            .filter(r -> ids.contains(r.get("id")))
                            .toList();
                    List<GraphProduct> current =
                            products.stream().filter(p -> ids.contains(p.id())).toList();
                    return rewriteCatalogueRelations(tx, rows, categoryRows(current))
                            .thenApply(ignored -> written.size());
                }));
    }

    private static CompletionStage<Void> rewriteCatalogueRelations(
            AsyncTransactionContext tx, List<Map<String, Object>> rows, List<Map<String, Object>> categories) {
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Object> productRows = Map.of("products", rows);
        Map<String, Object> categoryRows = Map.of("categories", categories);
        return run(tx, UNLINK_CHANGED_BRANDS, productRows)
                .thenCompose(ignored -> run(tx, LINK_BRANDS, productRows))
                .thenCompose(ignored -> run(tx, UPSERT_CATEGORIES, categoryRows))
                .thenCompose(ignored -> run(tx, LINK_CATEGORY_PARENTS, categoryRows))
                .thenCompose(ignored -> run(tx, UNLINK_CHANGED_CATEGORIES, productRows))
                .thenCompose(ignored -> run(tx, LINK_CATEGORIES, productRows))
                .thenCompose(ignored -> run(tx, UNLINK_CHANGED_ATTRIBUTES, productRows))
                .thenCompose(ignored -> run(tx, LINK_ATTRIBUTES, productRows));
    }

    /** Removes the product and all its relations whatever its version; nothing happens when there is none. */
    public Uni<Void> delete(String id) {
        return sessions.write(tx -> run(tx, DELETE_PRODUCT, Map.of("id", id)));
    }

    /** Removes the products the graph holds no newer version of, in one transaction. Ids must be distinct. */
    public Uni<Void> delete(List<GraphProductDeletion> deletions) {
        List<Map<String, Object>> rows = deletions.stream()
                .map(d -> Map.<String, Object>of("id", d.id(), "version", d.version()))
                .toList();
        return sessions.write(tx -> run(tx, DELETE_PRODUCTS, Map.of("deletions", rows)));
    }

    private static CompletionStage<Void> run(
            AsyncTransactionContext tx, String cypher, Map<String, Object> parameters) {
        return tx.runAsync(cypher, parameters)
                .thenCompose(cursor -> cursor.consumeAsync())
                .thenApply(summary -> (Void) null);
    }

    private static List<Map<String, Object>> productRows(List<GraphProduct> products) {
        List<Map<String, Object>> rows = new ArrayList<>(products.size());
        for (GraphProduct product : products) {
            Map<String, Object> row = new HashMap<>(); // values may be null, which Map.of refuses
            row.put("id", product.id());
            row.put("title", product.title());
            row.put("brand", product.brand());
            row.put("category", CategoryNode.leafPath(product.category()));
            row.put("version", product.version());
            List<Map<String, Object>> attributes = new ArrayList<>();
            product.attributes()
                    .forEach((name, values) ->
                            values.forEach(value -> attributes.add(Map.of("name", name, "value", value))));
            row.put("attributes", attributes);
            rows.add(row);
        }
        return rows;
    }

    /** Every category node on the products' paths, once each, parents before children. */
    private static List<Map<String, Object>> categoryRows(List<GraphProduct> products) {
        Map<String, Map<String, Object>> byPath = new LinkedHashMap<>();
        for (GraphProduct product : products) {
            if (product.category() == null) {
                continue;
            }
            for (CategoryNode node : CategoryNode.chain(product.category())) {
                Map<String, Object> row = new HashMap<>();
                row.put("path", node.path());
                row.put("name", node.name());
                row.put("parent", node.parentPath());
                byPath.putIfAbsent(node.path(), row);
            }
        }
        return List.copyOf(byPath.values());
    }
}
