package io.magpie.kg.service;

import io.magpie.api.graph.GraphProduct;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.CategoryNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a batch of products before anything is written, and reports every invalid field at once
 * ({@code products[3].id}), so a rejected batch leaves the graph untouched.
 */
@ApplicationScoped
public class GraphProductValidator {

    static final int MAX_ID_LENGTH = 256;
    static final int MAX_TITLE_LENGTH = 4_000;
    static final int MAX_NAME_LENGTH = 512;
    static final int MAX_CATEGORY_DEPTH = 16;
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
            throw ProblemException.invalidField("products", "at most " + maxBatchSize
                    + " products per request, got " + products.size());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < products.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            check(products.get(i), "products[" + i + "]", errors);
        }
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " invalid fields, first " + errors.get(0).field() + ": "
                    + errors.get(0).message();
            throw new ProblemException(400, "Invalid input", detail, errors);
        }
    }

    private static void check(GraphProduct product, String at, List<Problem.FieldError> errors) {
        if (product == null) {
            errors.add(new Problem.FieldError(at, "must be a product object, not null"));
            return;
        }
        if (product.id() == null || product.id().isBlank()) {
            errors.add(new Problem.FieldError(at + ".id", "must not be blank"));
        } else if (product.id().length() > MAX_ID_LENGTH) {
            errors.add(new Problem.FieldError(at + ".id", "must be at most " + MAX_ID_LENGTH + " characters"));
        }
        if (product.title() != null && product.title().length() > MAX_TITLE_LENGTH) {
            errors.add(new Problem.FieldError(at + ".title",
                    "must be at most " + MAX_TITLE_LENGTH + " characters"));
        }
        if (product.brand() != null && product.brand().length() > MAX_NAME_LENGTH) {
            errors.add(new Problem.FieldError(at + ".brand", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        List<String> category = product.category();
        if (category != null) {
            if (category.size() > MAX_CATEGORY_DEPTH) {
                errors.add(new Problem.FieldError(at + ".category",
                        "must have at most " + MAX_CATEGORY_DEPTH + " levels"));
            }
            for (int level = 0; level < category.size(); level++) {
                String name = category.get(level);
                String field = at + ".category[" + level + "]";
                if (name == null || name.isBlank()) {
                    errors.add(new Problem.FieldError(field, "must not be blank"));
                } else if (name.length() > MAX_NAME_LENGTH) {
                    errors.add(new Problem.FieldError(field, "must be at most " + MAX_NAME_LENGTH + " characters"));
                } else if (name.contains(CategoryNode.SEPARATOR)) {
                    errors.add(new Problem.FieldError(field, "must not contain '" + CategoryNode.SEPARATOR
                            + "': give the category path as a list of names, root first"));
                }
            }
        }
    }
}
