package io.magpie.kg.store;

import io.magpie.api.graph.GraphProduct;
import io.magpie.kg.model.CategoryNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.neo4j.driver.async.AsyncTransactionContext;

/**
 * Writes products with their brand and category chain into Neo4j. Every statement takes its input as
 * parameters; nothing from a request is ever spliced into Cypher text.
 */
@ApplicationScoped
public class ProductGraphStore {

    static final String UPSERT_PRODUCTS = """
            UNWIND $products AS row
            MERGE (p:Product {id: row.id})
            SET p.title = row.title""";

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

    static final String DELETE_PRODUCT = """
            MATCH (p:Product {id: $id})
            DETACH DELETE p""";

    private final Neo4jSessions sessions;

    public ProductGraphStore(Neo4jSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Creates or updates the products in one transaction: all of them or none. A product whose brand or
     * category changed loses its old link; brands and categories themselves stay (others may use them).
     * Product ids must be distinct.
     */
    public Uni<Void> upsert(List<GraphProduct> products) {
        Map<String, Object> productRows = Map.of("products", productRows(products));
        Map<String, Object> categoryRows = Map.of("categories", categoryRows(products));
        return sessions.write(tx -> run(tx, UPSERT_PRODUCTS, productRows)
                .thenCompose(ignored -> run(tx, UNLINK_CHANGED_BRANDS, productRows))
                .thenCompose(ignored -> run(tx, LINK_BRANDS, productRows))
                .thenCompose(ignored -> run(tx, UPSERT_CATEGORIES, categoryRows))
                .thenCompose(ignored -> run(tx, LINK_CATEGORY_PARENTS, categoryRows))
                .thenCompose(ignored -> run(tx, UNLINK_CHANGED_CATEGORIES, productRows))
                .thenCompose(ignored -> run(tx, LINK_CATEGORIES, productRows)));
    }

    /** Removes the product and its relations; nothing happens when there is no such product. */
    public Uni<Void> delete(String id) {
        return sessions.write(tx -> run(tx, DELETE_PRODUCT, Map.of("id", id)));
    }

    private static CompletionStage<Void> run(AsyncTransactionContext tx, String cypher, Map<String, Object> parameters) {
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
