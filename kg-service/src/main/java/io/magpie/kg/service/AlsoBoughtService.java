package io.magpie.kg.service;

import io.magpie.api.graph.AlsoBoughtEdge;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.store.AlsoBoughtStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Takes mined ALSO_BOUGHT links: the whole batch is checked first, then written in one transaction. */
@ApplicationScoped
public class AlsoBoughtService {

    private final AlsoBoughtStore store;
    private final GraphChanges changes;
    private final int maxBatchSize;

    public AlsoBoughtService(AlsoBoughtStore store, GraphChanges changes, KnowledgeGraphConfig config) {
        this.store = store;
        this.changes = changes;
        this.maxBatchSize = config.upsert().maxBatchSize() * 10; // links are smaller than products
    }

    public Uni<Void> upsert(List<AlsoBoughtEdge> edges) {
        return Uni.createFrom()
                .deferred(() -> {
                    validate(edges);
                    return store.upsert(edges);
                })
                .invoke(changes::changed);
    }

    private void validate(List<AlsoBoughtEdge> edges) {
        if (edges == null || edges.isEmpty() || edges.size() > maxBatchSize) {
            throw ProblemException.invalidField("edges", "must be a JSON array of 1 to " + maxBatchSize + " links");
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < edges.size() && errors.size() < GraphProductValidator.MAX_REPORTED_ERRORS; i++) {
            AlsoBoughtEdge edge = edges.get(i);
            String at = "edges[" + i + "]";
            if (edge == null) {
                errors.add(at, "must be an object {productId, otherId, weight}");
                continue;
            }
            if (edge.productId() == null || edge.productId().isBlank()) {
                errors.add(at + ".productId", "must not be blank");
            }
            if (edge.otherId() == null || edge.otherId().isBlank()) {
                errors.add(at + ".otherId", "must not be blank");
            } else if (edge.otherId().equals(edge.productId())) {
                errors.add(at + ".otherId", "must differ from productId");
            }
            if (!(edge.weight() > 0) || Double.isInfinite(edge.weight())) {
                errors.add(at + ".weight", "must be a finite number greater than 0");
            }
        }
        errors.throwIfAny();
    }
}
