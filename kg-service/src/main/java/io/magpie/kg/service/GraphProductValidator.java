package io.magpie.kg.service;

import io.magpie.api.catalog.ProductRules;
import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.KnowledgeGraphConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Checks a batch of products before anything is written, and reports every invalid field at once
 * ({@code products[3].id}), so a rejected batch leaves the graph untouched. The per-product rules are
 * {@link ProductRules}, shared with retrieval-service's ingest.
 */
@ApplicationScoped
public class GraphProductValidator {

    /** Enough to fix a batch; a batch with thousands of errors is wrong as a whole. */
    static final int MAX_REPORTED_ERRORS = 50;

    private final int maxBatchSize;

    public GraphProductValidator(KnowledgeGraphConfig config) {
        this.maxBatchSize = config.upsert().maxBatchSize();
    }

    public void validate(List<GraphProduct> products) {
        if (products == null || products.isEmpty()) {
            throw ProblemException.invalidField("products", "must be a non-empty JSON array of products");
        }
        if (products.size() > maxBatchSize) {
            throw ProblemException.invalidField(
                    "products", "at most " + maxBatchSize + " products per request, got " + products.size());
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < products.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            check(products.get(i), "products[" + i + "]", errors);
        }
        errors.throwIfAny();
    }

    private static void check(GraphProduct product, String at, FieldErrors errors) {
        if (product == null) {
            errors.add(at, "must be a product object, not null");
            return;
        }
        // the rules retrieval-service applies at ingest too: what the catalogue stores, the graph accepts
        ProductRules.checkGraphFields(
                at + ".",
                product.id(),
                ProductRules.MAX_ID_LENGTH,
                product.title(),
                product.brand(),
                product.category(),
                product.attributes(),
                errors);
        if (product.version() < 0) {
            errors.add(at + ".version", "must be 0 or more");
        }
    }

    /** Checks a batch of deletions: a non-empty array of at most max-batch-size, each with an id and a version. */
    public void validateDeletions(List<GraphProductDeletion> deletions) {
        if (deletions == null || deletions.isEmpty()) {
            throw ProblemException.invalidField("deletions", "must be a non-empty JSON array of {id, version}");
        }
        if (deletions.size() > maxBatchSize) {
            throw ProblemException.invalidField(
                    "deletions", "at most " + maxBatchSize + " deletions per request, got " + deletions.size());
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < deletions.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            GraphProductDeletion deletion = deletions.get(i);
            String at = "deletions[" + i + "]";
            if (deletion == null) {
                errors.add(at, "must be an object {id, version}, not null");
                continue;
            }
            ProductRules.checkId(at + ".id", deletion.id(), ProductRules.MAX_ID_LENGTH, errors);
            if (deletion.version() < 0) {
                errors.add(at + ".version", "must be 0 or more");
            }
        }
        errors.throwIfAny();
    }
}
