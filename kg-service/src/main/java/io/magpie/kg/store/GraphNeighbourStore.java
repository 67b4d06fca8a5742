package io.magpie.kg.store;

import io.magpie.kg.model.GraphLink;
import io.magpie.kg.model.Relation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;

/** Finds the products that share a leaf category or a brand with seed products. */
@ApplicationScoped
public class GraphNeighbourStore {

    /**
     * One row per (seed, neighbour, relation). Each branch of the subquery stops after {@code $perSeed} rows, so
     * a seed in a category of a million products costs no more than one in a small one.
     */
    static final String NEIGHBOURS = """
            UNWIND range(0, size($seeds) - 1) AS position
            MATCH (seed:Product {id: $seeds[position]})
            CALL (seed) {
                MATCH (seed)-[:IN_CATEGORY]->(c:Category)<-[:IN_CATEGORY]-(other:Product)
                WHERE NOT other.id IN $seeds
                RETURN other.id AS neighbour, 'category' AS relation, c.name AS via
                LIMIT $perSeed
              UNION ALL
                MATCH (seed)-[:MADE_BY]->(b:Brand)<-[:MADE_BY]-(other:Product)
                WHERE NOT other.id IN $seeds
                RETURN other.id AS neighbour, 'brand' AS relation, b.name AS via
                LIMIT $perSeed
            }
            RETURN position, seed.id AS seed, neighbour, relation, via""";

    private final Neo4jSessions sessions;

    public GraphNeighbourStore(Neo4jSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * @param seeds   distinct product ids, most relevant first; unknown ids are skipped
     * @param perSeed the most neighbours per seed and relation
     */
    public Uni<List<GraphLink>> neighbours(List<String> seeds, int perSeed) {
        Map<String, Object> parameters = Map.of("seeds", seeds, "perSeed", perSeed);
        return sessions.read(tx -> tx.runAsync(NEIGHBOURS, parameters)
                .thenCompose(cursor -> cursor.listAsync(GraphNeighbourStore::toLink)));
    }

    private static GraphLink toLink(Record record) {
        return new GraphLink(record.get("position").asInt(), record.get("seed").asString(),
                record.get("neighbour").asString(), Relation.ofLabel(record.get("relation").asString()),
                record.get("via").asString(""));
    }
}
