package io.magpie.kg.edit;

import io.magpie.api.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.async.AsyncQueryRunner;

/**
 * Reads and writes single nodes and relations inside a caller's Neo4j transaction. Labels, relation types and key
 * property names come from the graph model's enums; every value, key values included, travels as a parameter.
 */
@ApplicationScoped
public class GraphEditStore {

    /** The state of the entity, or null when there is none; takes no lock. */
    public Uni<EntityState> read(AsyncQueryRunner tx, EntityRef ref) {
        return single(tx, match(ref) + " RETURN properties(e) AS p LIMIT 1", parameters(ref));
    }

    /**
     * The state of the entity, or null when there is none, write-locking an existing one until the transaction
     * ends, so that two edits of one entity run one after the other and the second sees the first's version.
     */
    public Uni<EntityState> lockAndRead(AsyncQueryRunner tx, EntityRef ref) {
        String lock = " SET e." + EntityState.VERSION_PROPERTY + " = coalesce(e." + EntityState.VERSION_PROPERTY
                + ", 0) RETURN properties(e) AS p LIMIT 1";
        return single(tx, match(ref) + lock, parameters(ref));
    }

    /**
     * Creates the entity or replaces all its properties with {@code state}'s. A relation's ends must exist.
     *
     * @throws ProblemException 409 naming a missing end of a relation
     */
    public Uni<Void> write(AsyncQueryRunner tx, EntityRef ref, EntityState state) {
        Map<String, Object> parameters = new java.util.HashMap<>(parameters(ref));
        parameters.put("props", state.toStored());
        if (ref instanceof NodeRef node) {
            return run(tx, "MERGE " + node.pattern("e", "key") + " SET e = $props", parameters);
        }
        RelationRef relation = (RelationRef) ref;
        return missingEnds(tx, relation).chain(missing -> {
            if (!missing.isEmpty()) {
                throw new ProblemException(
                        409,
                        "Missing node",
                        "cannot link " + relation + ": no node " + String.join(" and no node ", missing));
            }
            return run(
                    tx,
                    "MATCH " + relation.from().pattern("a", "from") + ", "
                            + relation.to().pattern("b", "to") + " MERGE (a)-[e:"
                            + relation.type().name() + "]->(b) SET e = $props",
                    parameters);
        });
    }

    /**
     * Deletes the entity. A node must have no relations left: deleting one would silently drop relations that
     * others curated, and an undo could not bring them back.
     *
     * @throws ProblemException 409 when the node still has relations
     */
    public Uni<Void> delete(AsyncQueryRunner tx, EntityRef ref) {
        if (ref instanceof NodeRef node) {
            return degree(tx, node).chain(degree -> {
                if (degree > 0) {
                    throw new ProblemException(
                            409, "Node in use", node + " still has " + degree + " relation(s); delete them first");
                }
                return run(tx, match(node) + " DELETE e", parameters(node));
            });
        }
        return run(tx, match(ref) + " DELETE e", parameters(ref));
    }

    /**
     * Whether a relation that is symmetric in meaning ({@code COMPATIBLE_WITH}, {@code ALSO_BOUGHT}) exists already
     * the other way round; those are stored once per pair (docs/adr/0011).
     */
    public Uni<Boolean> reverseExists(AsyncQueryRunner tx, RelationRef relation) {
        if (!relation.symmetric()) {
            return Uni.createFrom().item(false);
        }
        RelationRef reverse = new RelationRef(relation.type(), relation.to(), relation.from());
        return read(tx, reverse).map(state -> state != null);
    }

    /** The references of the relation's ends that name no node. */
    public Uni<List<String>> missingEnds(AsyncQueryRunner tx, RelationRef relation) {
        String cypher = "OPTIONAL MATCH " + relation.from().pattern("a", "from")
                + " OPTIONAL MATCH " + relation.to().pattern("b", "to")
                + " RETURN a IS NOT NULL AS hasFrom, b IS NOT NULL AS hasTo LIMIT 1";
        Map<String, Object> parameters =
                Map.of("from", relation.from().key(), "to", relation.to().key());
        return Uni.createFrom()
                .completionStage(() -> tx.runAsync(cypher, parameters).thenCompose(cursor -> cursor.singleAsync()))
                .map(record -> {
                    List<String> missing = new ArrayList<>();
                    if (!record.get("hasFrom").asBoolean()) {
                        missing.add(relation.from().toString());
                    }
                    if (!record.get("hasTo").asBoolean()) {
                        missing.add(relation.to().toString());
                    }
                    return missing;
                });
    }

    private Uni<Long> degree(AsyncQueryRunner tx, NodeRef node) {
        return Uni.createFrom()
                .completionStage(() -> tx.runAsync(match(node) + " RETURN COUNT { (e)--() } AS d", parameters(node))
                        .thenCompose(cursor -> cursor.listAsync(r -> r.get("d").asLong())))
                .map(rows -> rows.isEmpty() ? 0L : rows.get(0));
    }

    private static String match(EntityRef ref) {
        if (ref instanceof NodeRef node) {
            return "MATCH " + node.pattern("e", "key");
        }
        RelationRef relation = (RelationRef) ref;
        return "MATCH " + relation.from().pattern("a", "from") + "-[e:"
                + relation.type().name() + "]->" + relation.to().pattern("b", "to");
    }

    private static Map<String, Object> parameters(EntityRef ref) {
        if (ref instanceof NodeRef node) {
            return Map.of("key", node.key());
        }
        RelationRef relation = (RelationRef) ref;
        return Map.of("from", relation.from().key(), "to", relation.to().key());
    }

    private static Uni<EntityState> single(AsyncQueryRunner tx, String cypher, Map<String, Object> parameters) {
        return Uni.createFrom()
                .completionStage(() ->
                        tx.runAsync(cypher, parameters).thenCompose(cursor -> cursor.listAsync(GraphEditStore::state)))
                .map(states -> states.isEmpty() ? null : states.get(0));
    }

    private static EntityState state(Record record) {
        return EntityState.ofStored(record.get("p").asMap());
    }

    private static Uni<Void> run(AsyncQueryRunner tx, String cypher, Map<String, Object> parameters) {
        return Uni.createFrom()
                .completionStage(() -> tx.runAsync(cypher, parameters)
                        .thenCompose(cursor -> cursor.consumeAsync())
                        .thenApply(summary -> (Void) null));
    }
}
