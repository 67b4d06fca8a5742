package io.magpie.kg.related;

import io.magpie.api.problem.ProblemException;
import io.magpie.kg.store.Neo4jSessions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.async.AsyncQueryRunner;

/** Reads the links that make products complements or substitutes of a product, with what explains them. */
@ApplicationScoped
public class RelatedProductsStore {

    static final String PRODUCT = "MATCH (p:Product {id: $id}) RETURN p.title AS title";

    /** ACCESSORY_OF either way round, COMPATIBLE_WITH and ALSO_BOUGHT both ways. */
    static final String COMPLEMENTS = """
            MATCH (p:Product {id: $id})
            CALL (p) {
                MATCH (p)-[r:ACCESSORY_OF|COMPATIBLE_WITH|ALSO_BOUGHT]-(o:Product)
                WHERE o <> p
                RETURN o, type(r) AS type, startNode(r) = o AS fromOther, coalesce(r.weight, 1.0) AS weight
            }
            RETURN o.id AS id, o.title AS title, type, fromOther, weight""";

    /**
     * Curated SUBSTITUTE_FOR either way round, and products of the same leaf category that share attributes with
     * it (at most {@code $scan} pairs looked at).
     */
    static final String SUBSTITUTES = """
            MATCH (p:Product {id: $id})
            CALL (p) {
                MATCH (p)-[r:SUBSTITUTE_FOR]-(o:Product)
                WHERE o <> p
                RETURN o, 'SUBSTITUTE_FOR' AS type, startNode(r) = o AS fromOther, null AS category, [] AS shared
              UNION ALL
                MATCH (p)-[:IN_CATEGORY]->(c:Category)
                MATCH (p)-[:HAS]->(a:Attribute)<-[:HAS]-(o:Product)
                WHERE o <> p AND (o)-[:IN_CATEGORY]->(c)
                WITH o, c, a LIMIT $scan
                WITH o, c, collect(a.name + '=' + a.value) AS shared
                RETURN o, 'SAME_CATEGORY' AS type, false AS fromOther, coalesce(c.name, c.path) AS category, shared
            }
            RETURN o.id AS id, o.title AS title, type, fromOther, category, shared,
                   COUNT { (p)-[:HAS]->(:Attribute) } AS attributes""";

    private final Neo4jSessions sessions;

    public RelatedProductsStore(Neo4jSessions sessions) {
        this.sessions = sessions;
    }

    /** A row of {@link #COMPLEMENTS} or {@link #SUBSTITUTES}, with the asked product's title. */
    record Row(
            String productTitle,
            String id,
            String title,
            String type,
            boolean fromOther,
            Double weight,
            String category,
            List<String> shared,
            long attributes) {}

    public Uni<List<Row>> complements(String id) {
        return rows(COMPLEMENTS, Map.of("id", id));
    }

    /** The complement links inside a caller's transaction, e.g. one holding an edit that is never committed. */
    public Uni<List<Row>> complements(AsyncQueryRunner tx, String id) {
        return Uni.createFrom().completionStage(() -> rows(tx, COMPLEMENTS, Map.of("id", id)));
    }

    public Uni<List<Row>> substitutes(String id, int scanLimit) {
        return rows(SUBSTITUTES, Map.of("id", id, "scan", scanLimit));
    }

    /** @throws ProblemException 404 when there is no such product */
    private Uni<List<Row>> rows(String cypher, Map<String, Object> parameters) {
        return sessions.read(tx -> rows(tx, cypher, parameters));
    }

    private static CompletionStage<List<Row>> rows(AsyncQueryRunner tx, String cypher, Map<String, Object> parameters) {
        return tx.runAsync(PRODUCT, parameters)
                .thenCompose(cursor -> cursor.listAsync(r -> r.get("title").asString(null)))
                .thenCompose(titles -> {
                    if (titles.isEmpty()) {
                        throw ProblemException.notFound("no product " + parameters.get("id") + " in the graph");
                    }
                    return links(tx, cypher, parameters, titles.get(0));
                });
    }

    private static CompletionStage<List<Row>> links(
            AsyncQueryRunner tx, String cypher, Map<String, Object> parameters, String productTitle) {
        return tx.runAsync(cypher, parameters).thenCompose(cursor -> cursor.listAsync(r -> row(r, productTitle)));
    }

    private static Row row(Record record, String productTitle) {
        Value weight = record.get("weight");
        Value category = record.get("category");
        Value shared = record.get("shared");
        Value attributes = record.get("attributes");
        return new Row(
                productTitle,
                record.get("id").asString(),
                record.get("title").asString(null),
                record.get("type").asString(),
                record.get("fromOther").asBoolean(),
                weight.isNull() ? null : weight.asDouble(),
                category.isNull() ? null : category.asString(),
                shared.isNull() ? List.of() : new ArrayList<>(shared.asList(Value::asString)),
                attributes.isNull() ? 0 : attributes.asLong());
    }
}
