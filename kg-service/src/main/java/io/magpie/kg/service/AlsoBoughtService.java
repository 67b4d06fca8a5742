package io.magpie.kg.service;

import io.magpie.api.graph.AlsoBoughtEdge;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.store.AlsoBoughtStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
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
        return Uni.createFrom().deferred(() -> {
            validate(edges);
            return store.upsert(edges);
        }).invoke(changes::changed);
    }

    private void validate(List<AlsoBoughtEdge> edges) {
        if (edges == null || edges.isEmpty() || edges.size() > maxBatchSize) {
            throw ProblemException.invalidField("edges", "must be a JSON array of 1 to " + maxBatchSize + " links");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < edges.size() && errors.size() < GraphProductValidator.MAX_REPORTED_ERRORS; i++) {
            AlsoBoughtEdge edge = edges.get(i);
            String at = "edges[" + i + "]";
            if (edge == null) {
                errors.add(new Problem.FieldError(at, "must be an object {productId, otherId, weight}"));
                continue;
            }
            if (edge.productId() == null || edge.productId().isBlank()) {
                errors.add(new Problem.FieldError(at + ".productId", "must not be blank"));
            }
            if (edge.otherId() == null || edge.otherId().isBlank()) {
                errors.add(new Problem.FieldError(at + ".otherId", "must not be blank"));
            } else if (edge.otherId().equals(edge.productId())) {
                errors.add(new Problem.FieldError(at + ".otherId", "must differ from productId"));
            }
            if (!(edge.weight() > 0) || Double.isInfinite(edge.weight())) {
                errors.add(new Problem.FieldError(at + ".weight", "must be a finite number greater than 0"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid input", errors.get(0).field() + ": " + errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
    }
}
