package io.magpie.kg.service;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.store.ProductGraphStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the graph's products in step with the catalogue: versioned batch upserts and deletes. */
@ApplicationScoped
public class ProductGraphService {

    private final GraphProductValidator validator;
    private final GraphProductNormalizer normalizer;
    private final ProductGraphStore store;
    private final GraphChanges changes;

    public ProductGraphService(
            GraphProductValidator validator,
            GraphProductNormalizer normalizer,
            ProductGraphStore store,
            GraphChanges changes) {
        this.validator = validator;
        this.normalizer = normalizer;
        this.store = store;
        this.changes = changes;
    }

    /** Validates the whole batch first, then writes all of it in one transaction; older versions are skipped. */
    public Uni<Void> upsert(List<GraphProduct> products) {
        return Uni.createFrom()
                .deferred(() -> {
                    validator.validate(products);
                    return store.upsert(normalizer.normalize(products));
                })
                .invoke(changes::changed)
                .replaceWithVoid();
    }

    /** Idempotent: deleting an unknown product succeeds. */
    public Uni<Void> delete(String id) {
        return Uni.createFrom()
                .deferred(() -> {
                    if (id == null || id.isBlank()) {
                        throw ProblemException.invalidField("id", "must not be blank");
                    }
                    return store.delete(id);
                })
                .invoke(changes::changed);
    }

    /** Versioned deletes in one transaction; a product listed twice is deleted at its highest version. */
    public Uni<Void> delete(List<GraphProductDeletion> deletions) {
        return Uni.createFrom()
                .deferred(() -> {
                    validator.validateDeletions(deletions);
                    Map<String, GraphProductDeletion> byId = new LinkedHashMap<>();
                    deletions.forEach(d -> byId.merge(d.id(), d, (a, b) -> a.version() >= b.version() ? a : b));
                    return store.delete(List.copyOf(byId.values()));
                })
                .invoke(changes::changed);
    }
}
