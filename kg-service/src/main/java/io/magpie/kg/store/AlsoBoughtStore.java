package io.magpie.kg.store;

import io.magpie.api.graph.AlsoBoughtEdge;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Writes mined ALSO_BOUGHT links, one per product pair, stored from the smaller id to the larger. */
@ApplicationScoped
public class AlsoBoughtStore {

    static final String UPSERT = """
            UNWIND $edges AS e
            MATCH (a:Product {id: e.from}), (b:Product {id: e.to})
            MERGE (a)-[r:ALSO_BOUGHT]->(b)
            SET r.weight = e.weight""";

    private final Neo4jSessions sessions;

    public AlsoBoughtStore(Neo4jSessions sessions) {
        this.sessions = sessions;
    }

    /** One transaction; the pair's ids must differ. */
    public Uni<Void> upsert(List<AlsoBoughtEdge> edges) {
        List<Map<String, Object>> rows = edges.stream()
                .map(e -> {
                    boolean ordered = e.productId().compareTo(e.otherId()) < 0;
                    return Map.<String, Object>of(
                            "from",
                            ordered ? e.productId() : e.otherId(),
                            "to",
                            ordered ? e.otherId() : e.productId(),
                            "weight",
                            e.weight());
                })
                .toList();
        return sessions.write(tx -> tx.runAsync(UPSERT, Map.of("edges", rows))
                .thenCompose(cursor -> cursor.consumeAsync())
                .thenApply(summary -> (Void) null));
    }
}
