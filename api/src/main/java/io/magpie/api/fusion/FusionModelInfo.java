package io.magpie.api.fusion;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A learned ranker version.
 *
 * @param model       {@code name@version} ({@link io.magpie.api.model.ModelRef})
 * @param kind        e.g. {@code lambdamart}
 * @param schema      the feature schema it reads, {@code name@version}
 * @param createdAt   when it was trained
 * @param active      whether the storefront search uses it
 * @param metrics     training and validation figures (validation NDCG@10, rounds, queries, ...)
 * @param parameters  the hyper-parameters it was trained with
 * @param note        what it was trained on, as the trainer said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FusionModelInfo(
        String model,
        String kind,
        String schema,
        Instant createdAt,
        boolean active,
        Map<String, Double> metrics,
        Map<String, Object> parameters,
        String note) {}
