package io.magpie.retrieval.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.ProductRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads of the catalogue: products by id, for hydrating ranked candidates. */
@ApplicationScoped
public class ProductCatalog {

    private final ProductRepository repository;
    private final int maxIds;

    public ProductCatalog(ProductRepository repository, RetrievalConfig config) {
        this.repository = repository;
        this.maxIds = config.catalog().maxIdsPerGet();
    }

    /** The products in the order asked, each once, unknown ids left out. */
    public Uni<List<Product>> byIds(List<String> ids) {
        if (ids.size() > maxIds) {
            throw ProblemException.invalidField("ids", "at most " + maxIds + " ids per call, got " + ids.size());
        }
        return repository.findInOrder(ids);
    }
}
