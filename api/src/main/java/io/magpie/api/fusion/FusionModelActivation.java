package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One change of the learned ranker the storefront gets, as the model registry records it.
 *
 * @param model       {@code name@version} made active; null when the storefront went back to the fixed strategy
 * @param activatedAt when
 * @param activatedBy who (a label of the admin key, never the key)
 * @param action      {@code activate}, {@code rollback} or {@code import} (taken over from a model folder)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FusionModelActivation(String model, Instant activatedAt, String activatedBy, String action) {

    public static final String ACTIVATE = "activate";
    public static final String ROLLBACK = "rollback";
    public static final String IMPORT = "import";
}
