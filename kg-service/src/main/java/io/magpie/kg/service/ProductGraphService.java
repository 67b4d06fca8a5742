package io.magpie.kg.service;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.store.ProductGraphStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Keeps the graph's products in step with the catalogue: batch upserts and deletes. */
@ApplicationScoped
public class ProductGraphService {

    private final GraphProductValidator validator;
    private final GraphProductNormalizer normalizer;
    private final ProductGraphStore store;

    public ProductGraphService(GraphProductValidator validator, GraphProductNormalizer normalizer,
                               ProductGraphStore store) {
        this.validator = validator;
        this.normalizer = normalizer;
        this.store = store;
    }

    /** Validates the whole batch first, then writes all of it in one transaction. */
    public Uni<Void> upsert(List<GraphProduct> products) {
        return Uni.createFrom().deferred(() -> {
            validator.validate(products);
            return store.upsert(normalizer.normalize(products));
        });
    }

    /** Idempotent: deleting an unknown product succeeds. */
    public Uni<Void> delete(String id) {
        return Uni.createFrom().deferred(() -> {
            if (id == null || id.isBlank()) {
                throw ProblemException.invalidField("id", "must not be blank");
            }
            return store.delete(id);
        });
    }
}
