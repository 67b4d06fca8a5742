package io.magpie.retrieval.service;

import io.magpie.api.catalog.ProductRules;
import io.magpie.api.problem.FieldErrors;
import io.magpie.retrieval.config.RetrievalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Refuses, with a 400 naming the field, ids that no product can have (blank, too long, control characters, lone
 * surrogates: {@link ProductRules#idProblem}). Every endpoint that takes ids checks them here first, so that the
 * same id is refused the same way on every path before it reaches PostgreSQL or a Milvus expression.
 */
@ApplicationScoped
public class ProductIdCheck {

    private final int maxIdLength;

    public ProductIdCheck(RetrievalConfig config) {
        this.maxIdLength = config.catalog().maxIdLength();
    }

    public int maxIdLength() {
        return maxIdLength;
    }

    public void requireValid(String field, String id) {
        FieldErrors errors = new FieldErrors();
        ProductRules.checkId(field, id, maxIdLength, errors);
        errors.throwIfAny();
    }

    /** Names each bad element {@code field[i]}. */
    public void requireValid(String field, List<String> ids) {
        FieldErrors errors = new FieldErrors();
        ProductRules.checkIds(field, ids, maxIdLength, errors);
        errors.throwIfAny();
    }
}
