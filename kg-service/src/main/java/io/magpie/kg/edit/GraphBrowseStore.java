package io.magpie.kg.edit;

import io.magpie.api.graph.admin.Neighbourhood;
import io.magpie.api.graph.admin.NodeMatch;
import io.magpie.api.graph.admin.NodeView;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.model.NodeLabel;
import io.magpie.kg.store.Neo4jSessions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/** Finds nodes by name and reads a node's relations, for admins choosing what to edit. */
@ApplicationScoped
public class GraphBrowseStore {

    /**
     * Exact product ids first, then names containing the text (case-insensitive), per label up to the limit. A scan:
     * fine for admin use on catalogues of some hundred thousand products; a full-text index would replace it beyond.
     */
    static final String FIND = """
            CALL () {
                MATCH (n:Product {id: $text})
                RETURN 'Product' AS label, n.id AS key, coalesce(n.title, n.id) AS name, 0 AS rank
              UNION
                MATCH (n:Product) WHERE toLower(n.title) CONTAINS $lower OR toLower(n.id) CONTAINS $lower
                WITH n LIMIT $limit
                RETURN 'Product' AS label, n.id AS key, coalesce(n.title, n.id) AS name, 1 AS rank
              UNION
                MATCH (n:Brand) WHERE toLower(n.name) CONTAINS $lower
                WITH n LIMIT $limit
                RETURN 'Brand' AS label, n.name AS key, n.name AS name, 1 AS rank
              UNION
                MATCH (n:Category) WHERE toLower(n.path) CONTAINS $lower
                WITH n LIMIT $limit
                RETURN 'Category' AS label, n.path AS key, n.path AS name, 1 AS rank
              UNION
                MATCH (n:Attribute) WHERE toLower(n.value) CONTAINS $lower OR toLower(n.name) = $lower
                WITH n LIMIT $limit
                RETURN 'Attribute' AS label, n.name + '=' + n.value AS key, n.name + '=' + n.value AS name, 1 AS rank
            }
            WITH label, key, name, min(rank) AS rank
            RETURN label, key, name ORDER BY rank, size(name), name LIMIT $limit""";

    /** Curated relations first (the ones admins edit), then the others; one row more than the limit shows there are more. */
    static final String RELATIONS = """
             MATCH (e)-[r]-(o)
             WITH r, o, startNode(r) = e AS outgoing,
                  CASE type(r) WHEN 'ACCESSORY_OF' THEN 0 WHEN 'COMPATIBLE_WITH' THEN 0 WHEN 'SUBSTITUTE_FOR' THEN 0
                               WHEN 'ALSO_BOUGHT' THEN 1 ELSE 2 END AS kind
             ORDER BY kind, type(r)
             LIMIT $limit
             RETURN type(r) AS type, outgoing, labels(o) AS labels, properties(o) AS props,
                    coalesce(r.editVersion, 0) AS version""";

    private final Neo4jSessions sessions;

    public GraphBrowseStore(Neo4jSessions sessions) {
        this.sessions = sessions;
    }

    public Uni<List<NodeMatch>> find(String text, int limit) {
        Map<String, Object> parameters =
                Map.of("text", text, "lower", text.toLowerCase(java.util.Locale.ROOT), "limit", limit);
        return sessions.read(tx -> tx.runAsync(FIND, parameters)
                .thenCompose(cursor -> cursor.listAsync(r -> {
                    String label = r.get("label").asString();
                    return new NodeMatch(
                            label + ":" + r.get("key").asString(),
                            label,
                            r.get("name").asString());
                })));
    }

    /** @throws ProblemException 404 when there is no such node */
    public Uni<Neighbourhood> neighbourhood(NodeRef ref, int limit) {
        String node = "MATCH " + ref.pattern("e", "key");
        Map<String, Object> parameters = Map.of("key", ref.key(), "limit", limit + 1);
        return sessions.read(tx -> tx.runAsync(node + " RETURN properties(e) AS p", parameters)
                .thenCompose(cursor ->
                        cursor.listAsync(r -> EntityState.ofStored(r.get("p").asMap())))
                .thenCompose(states -> {
                    if (states.isEmpty()) {
                        throw ProblemException.notFound("no " + ref);
                    }
                    EntityState state = states.get(0);
                    NodeView view =
                            new NodeView(ref.toString(), ref.label().label(), state.properties(), state.version());
                    return tx.runAsync(node + RELATIONS, parameters)
                            .thenCompose(cursor -> cursor.listAsync(r -> neighbour(ref, r)))
                            .thenApply(rows -> new Neighbourhood(
                                    view, rows.size() > limit ? rows.subList(0, limit) : rows, rows.size() > limit));
                }));
    }

    private static Neighbourhood.Neighbour neighbour(NodeRef self, Record record) {
        NodeLabel label = NodeLabel.ofLabel(record.get("labels").get(0).asString());
        Map<String, Object> props = record.get("props").asMap();
        List<String> key = new ArrayList<>();
        label.keyProperties().forEach(name -> key.add(String.valueOf(props.get(name))));
        String other = label.label() + ":" + String.join("=", key);
        String name = label == NodeLabel.PRODUCT && props.get("title") != null
                ? String.valueOf(props.get("title"))
                : String.join("=", key);
        boolean outgoing = record.get("outgoing").asBoolean();
        Value version = record.get("version");
        return new Neighbourhood.Neighbour(
                record.get("type").asString(),
                outgoing ? self.toString() : other,
                outgoing ? other : self.toString(),
                other,
                name,
                version.asLong());
    }
}
