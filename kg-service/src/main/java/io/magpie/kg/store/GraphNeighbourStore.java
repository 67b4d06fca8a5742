package io.magpie.kg.store;

import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.EntityMatcher.Mention;
import io.magpie.kg.model.GraphEntity;
import io.magpie.kg.model.GraphLink;
import io.magpie.kg.model.Origin;
import io.magpie.kg.model.PathExplanations;
import io.magpie.kg.model.RelationType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.async.AsyncQueryRunner;

/**
 * Finds candidate products in the graph: products of the entities a query names, and products linked to seed or
 * history products through a shared leaf category, brand or attribute value, or through chains of curated and
 * behaviour relations. Request data always travels as parameters; the only numbers in the Cypher text are the
 * configured hop limits (variable-length bounds cannot be parameters), fixed at start-up.
 */
@ApplicationScoped
public class GraphNeighbourStore {

    /** One row per (entity, product); each entity stops after {@code $perEntity} products. */
    static final String MENTIONED = """
            UNWIND range(0, size($entities) - 1) AS position
            WITH position, $entities[position] AS e
            CALL (e) {
                MATCH (:Brand {name: e.name})<-[:MADE_BY]-(p:Product)
                WHERE e.kind = 'BRAND' AND NOT p.id IN $exclude
                RETURN p, null AS leaf
                LIMIT $perEntity
              UNION ALL
                MATCH (:Category {name: e.name})<-[:CHILD_OF*0..%d]-(leaf:Category)<-[:IN_CATEGORY]-(p:Product)
                WHERE e.kind = 'CATEGORY' AND NOT p.id IN $exclude
                RETURN p, leaf.name AS leaf
                LIMIT $perEntity
              UNION ALL
                MATCH (:Attribute {name: e.name, value: e.value})<-[:HAS]-(p:Product)
                WHERE e.kind = 'ATTRIBUTE' AND NOT p.id IN $exclude
                RETURN p, null AS leaf
                LIMIT $perEntity
            }
            RETURN position, p.id AS candidate, leaf""";

    /**
     * One row per (origin product, path, candidate). Each branch of the subquery stops after {@code $perSeed}
     * rows, so a seed in a category of a million products costs no more than one in a small one.
     */
    static final String RELATED = """
            UNWIND range(0, size($ids) - 1) AS position
            MATCH (seed:Product {id: $ids[position]})
            CALL (seed) {
                MATCH (seed)-[:IN_CATEGORY]->(c:Category)<-[:IN_CATEGORY]-(other:Product)
                WHERE NOT other.id IN $exclude
                RETURN other, 'SAME_CATEGORY' AS kind, c.name AS via, [] AS types, [] AS forward, [] AS titles,
                       1.0 AS edgeWeight
                LIMIT $perSeed
              UNION ALL
                MATCH (seed)-[:MADE_BY]->(b:Brand)<-[:MADE_BY]-(other:Product)
                WHERE NOT other.id IN $exclude
                RETURN other, 'SAME_BRAND' AS kind, b.name AS via, [] AS types, [] AS forward, [] AS titles,
                       1.0 AS edgeWeight
                LIMIT $perSeed
              UNION ALL
                MATCH (seed)-[:HAS]->(a:Attribute)<-[:HAS]-(other:Product)
                WHERE $withAttributes AND NOT other.id IN $exclude
                RETURN other, 'SAME_ATTRIBUTE' AS kind, a.name + ' ' + a.value AS via, [] AS types, [] AS forward,
                       [] AS titles, 1.0 AS edgeWeight
                LIMIT $perSeed
              UNION ALL
                MATCH path = (seed)-[:ACCESSORY_OF|COMPATIBLE_WITH|SUBSTITUTE_FOR|ALSO_BOUGHT*1..%d]-(other:Product)
                WHERE other <> seed AND NOT other.id IN $exclude
                WITH other, relationships(path) AS rels, nodes(path) AS nodes
                RETURN other, 'RELATED' AS kind, null AS via, [r IN rels | type(r)] AS types,
                       [i IN range(0, size(rels) - 1) | startNode(rels[i]) = nodes[i]] AS forward,
                       [n IN nodes[0..-1] | coalesce(n.title, n.id)] AS titles,
                       reduce(w = 1.0, r IN rels | w * coalesce(r.weight, 1.0)) AS edgeWeight
                LIMIT $perSeed
            }
            RETURN position, coalesce(seed.title, seed.id) AS seedTitle, other.id AS candidate, kind, via, types,
                   forward, titles, edgeWeight""";

    private final Neo4jSessions sessions;
    private final String mentioned;
    private final String related;

    public GraphNeighbourStore(Neo4jSessions sessions, KnowledgeGraphConfig config) {
        this.sessions = sessions;
        // validated integers from configuration (@Min/@Max), never request data
        this.mentioned = MENTIONED.formatted(config.expand().query().categoryDepth());
        this.related = RELATED.formatted(config.expand().maxHops());
    }

    /**
     * Products of the named entities, excluding some ids.
     *
     * @param perEntity the most products per entity
     */
    public Uni<List<GraphLink>> mentioned(List<Mention> mentions, Collection<String> exclude, int perEntity) {
        return mentioned(null, mentions, exclude, perEntity);
    }

    /**
     * As {@link #mentioned(List, Collection, int)}, read inside a caller's transaction (a preview of a pending edit),
     * or in a read transaction of its own when {@code tx} is null.
     */
    public Uni<List<GraphLink>> mentioned(
            AsyncQueryRunner tx, List<Mention> mentions, Collection<String> exclude, int perEntity) {
        if (mentions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Map<String, Object>> entities = new ArrayList<>(mentions.size());
        for (Mention mention : mentions) {
            Map<String, Object> row = new HashMap<>();
            row.put("kind", mention.entity().kind().name());
            row.put("name", mention.entity().name());
            row.put("value", mention.entity().value());
            entities.add(row);
        }
        Map<String, Object> parameters =
                Map.of("entities", entities, "exclude", List.copyOf(exclude), "perEntity", perEntity);
        return run(tx, mentioned, parameters, record -> toMentionLink(record, mentions));
    }

    /**
     * Products linked to the given products.
     *
     * @param origin         whether the ids are seeds or history
     * @param ids            distinct product ids, most relevant first; unknown ids are skipped
     * @param perSeed        the most neighbours per product and kind of link
     * @param withAttributes whether shared attribute values count as links
     */
    public Uni<List<GraphLink>> related(
            Origin origin, List<String> ids, Collection<String> exclude, int perSeed, boolean withAttributes) {
        return related(null, origin, ids, exclude, perSeed, withAttributes);
    }

    /** As {@link #related(Origin, List, Collection, int, boolean)}, inside a caller's transaction when not null. */
    public Uni<List<GraphLink>> related(
            AsyncQueryRunner tx,
            Origin origin,
            List<String> ids,
            Collection<String> exclude,
            int perSeed,
            boolean withAttributes) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Object> parameters = Map.of(
                "ids", ids, "exclude", List.copyOf(exclude), "perSeed", perSeed, "withAttributes", withAttributes);
        return run(tx, related, parameters, record -> toRelatedLink(record, origin));
    }

    private Uni<List<GraphLink>> run(
            AsyncQueryRunner tx, String cypher, Map<String, Object> parameters, Function<Record, GraphLink> toLink) {
        if (tx == null) {
            return sessions.read(
                    own -> own.runAsync(cypher, parameters).thenCompose(cursor -> cursor.listAsync(toLink)));
        }
        return Uni.createFrom()
                .completionStage(() -> tx.runAsync(cypher, parameters).thenCompose(cursor -> cursor.listAsync(toLink)));
    }

    private static GraphLink toMentionLink(Record record, List<Mention> mentions) {
        int position = record.get("position").asInt();
        GraphEntity entity = mentions.get(position).entity();
        GraphLink.Kind kind = switch (entity.kind()) {
            case BRAND -> GraphLink.Kind.MENTIONED_BRAND;
            case CATEGORY -> GraphLink.Kind.MENTIONED_CATEGORY;
            case ATTRIBUTE -> GraphLink.Kind.MENTIONED_ATTRIBUTE;
        };
        String leaf = record.get("leaf").isNull() ? null : record.get("leaf").asString();
        return GraphLink.of(
                Origin.QUERY,
                position,
                record.get("candidate").asString(),
                kind,
                PathExplanations.mentioned(entity, leaf));
    }

    private static GraphLink toRelatedLink(Record record, Origin origin) {
        int position = record.get("position").asInt();
        String candidate = record.get("candidate").asString();
        GraphLink.Kind kind = GraphLink.Kind.valueOf(record.get("kind").asString());
        String seedTitle = record.get("seedTitle").asString();
        return switch (kind) {
            case SAME_CATEGORY ->
                GraphLink.of(
                        origin,
                        position,
                        candidate,
                        kind,
                        PathExplanations.shared("category", record.get("via").asString(""), origin, seedTitle));
            case SAME_BRAND ->
                GraphLink.of(
                        origin,
                        position,
                        candidate,
                        kind,
                        PathExplanations.shared("brand", record.get("via").asString(""), origin, seedTitle));
            case SAME_ATTRIBUTE ->
                GraphLink.of(
                        origin,
                        position,
                        candidate,
                        kind,
                        PathExplanations.shared("attribute", record.get("via").asString(""), origin, seedTitle));
            default -> {
                List<String> types = record.get("types").asList(Value::asString);
                List<RelationType> hops =
                        types.stream().map(RelationType::valueOf).toList();
                yield new GraphLink(
                        origin,
                        position,
                        candidate,
                        GraphLink.Kind.RELATED,
                        hops,
                        record.get("edgeWeight").asDouble(),
                        PathExplanations.related(
                                types,
                                record.get("forward").asList(Value::asBoolean),
                                record.get("titles").asList(Value::asString),
                                origin));
            }
        };
    }
}
