package io.magpie.kg.store;

import io.magpie.kg.model.GraphEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;

/** Reads the names a query text may contain: every brand, distinct category name and attribute value. */
@ApplicationScoped
public class GraphEntityStore {

    static final String ENTITIES = """
            MATCH (b:Brand) RETURN 'BRAND' AS kind, b.name AS name, null AS value
            UNION ALL
            MATCH (c:Category) WITH DISTINCT c.name AS name RETURN 'CATEGORY' AS kind, name, null AS value
            UNION ALL
            MATCH (a:Attribute) RETURN 'ATTRIBUTE' AS kind, a.name AS name, a.value AS value""";

    private final Neo4jSessions sessions;

    public GraphEntityStore(Neo4jSessions sessions) {
        this.sessions = sessions;
    }

    public Uni<List<GraphEntity>> entities() {
        return sessions.read(tx ->
                tx.runAsync(ENTITIES, Map.of()).thenCompose(cursor -> cursor.listAsync(GraphEntityStore::toEntity)));
    }

    private static GraphEntity toEntity(Record record) {
        return new GraphEntity(
                GraphEntity.Kind.valueOf(record.get("kind").asString()),
                record.get("name").asString(""),
                record.get("value").isNull() ? null : record.get("value").asString());
    }
}
