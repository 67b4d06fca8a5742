package io.magpie.kg.service;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.CategoryNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_VALUES_PER_ATTRIBUTE = 64;
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
        if (product.id() == null || product.id().isBlank()) {
            errors.add(at + ".id", "must not be blank");
        } else if (product.id().length() > MAX_ID_LENGTH) {
            errors.add(at + ".id", "must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (product.title() != null && product.title().length() > MAX_TITLE_LENGTH) {
            errors.add(at + ".title",
                    "must be at most " + MAX_TITLE_LENGTH + " characters");
        }
        if (product.brand() != null && product.brand().length() > MAX_NAME_LENGTH) {
            errors.add(at + ".brand", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (product.version() < 0) {
            errors.add(at + ".version", "must be 0 or more");
        }
        checkAttributes(product.attributes(), at + ".attributes", errors);
        List<String> category = product.category();
        if (category != null) {
            if (category.size() > MAX_CATEGORY_DEPTH) {
                errors.add(at + ".category",
                        "must have at most " + MAX_CATEGORY_DEPTH + " levels");
            }
            for (int level = 0; level < category.size(); level++) {
                String name = category.get(level);
                String field = at + ".category[" + level + "]";
                if (name == null || name.isBlank()) {
                    errors.add(field, "must not be blank");
                } else if (name.length() > MAX_NAME_LENGTH) {
                    errors.add(field, "must be at most " + MAX_NAME_LENGTH + " characters");
                } else if (name.contains(CategoryPath.SEPARATOR)) {
                    errors.add(field, "must not contain '" + CategoryPath.SEPARATOR
                            + "': give the category path as a list of names, root first");
                }
            }
        }
    }

    private static void checkAttributes(Map<String, List<String>> attributes, String at,
                                        FieldErrors errors) {
        if (attributes == null) {
            return;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            errors.add(at, "must have at most " + MAX_ATTRIBUTES + " attributes");
            return;
        }
        attributes.forEach((name, values) -> {
            String field = at + "[" + name + "]";
            if (name.isBlank()) {
                errors.add(field, "the attribute name must not be blank");
            } else if (name.length() > MAX_NAME_LENGTH) {
                errors.add(at, "attribute names must be at most " + MAX_NAME_LENGTH
                        + " characters");
            }
            if (values == null || values.isEmpty()) {
                errors.add(field, "must be a non-empty list of values");
                return;
            }
            if (values.size() > MAX_VALUES_PER_ATTRIBUTE) {
                errors.add(field, "must have at most " + MAX_VALUES_PER_ATTRIBUTE + " values");
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (value == null || value.isBlank()) {
                    errors.add(field + "[" + i + "]", "must not be blank");
                } else if (value.length() > MAX_NAME_LENGTH) {
                    errors.add(field + "[" + i + "]",
                            "must be at most " + MAX_NAME_LENGTH + " characters");
                }
            }
        });
    }

    /** Checks a batch of deletions: a non-empty array of at most max-batch-size, each with an id and a version. */
    public void validateDeletions(List<GraphProductDeletion> deletions) {
        if (deletions == null || deletions.isEmpty()) {
            throw ProblemException.invalidField("deletions", "must be a non-empty JSON array of {id, version}");
        }
        if (deletions.size() > maxBatchSize) {
            throw ProblemException.invalidField("deletions", "at most " + maxBatchSize
                    + " deletions per request, got " + deletions.size());
        }
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < deletions.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
            GraphProductDeletion deletion = deletions.get(i);
            String at = "deletions[" + i + "]";
            if (deletion == null) {
                errors.add(at, "must be an object {id, version}, not null");
                continue;
            }
            if (deletion.id() == null || deletion.id().isBlank()) {
                errors.add(at + ".id", "must not be blank");
            } else if (deletion.id().length() > MAX_ID_LENGTH) {
                errors.add(at + ".id", "must be at most " + MAX_ID_LENGTH + " characters");
            }
            if (deletion.version() < 0) {
                errors.add(at + ".version", "must be 0 or more");
            }
        }
        errors.throwIfAny();
    }
}
