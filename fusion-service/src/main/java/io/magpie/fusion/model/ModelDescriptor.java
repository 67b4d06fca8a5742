package io.magpie.fusion.model;

import io.magpie.api.model.ModelRef;
import io.magpie.fusion.features.FeatureSchema;
import java.time.Instant;
import java.util.Map;

/**
 * What a stored learned-ranker version is, kept beside its model file.
 *
 * @param name       model name (e.g. {@code lambdamart})
 * @param version    its version
 * @param kind       what reads the model files ({@value #LAMBDAMART} or {@value #ATTENTION})
 * @param schema     the feature schema it was trained on; refused where the running extractor's differs
 * @param createdAt  when it was trained
 * @param parameters hyper-parameters
 * @param metrics    training and validation figures
 * @param note       what it was trained on
 */
public record ModelDescriptor(
        String name,
        String version,
        String kind,
        FeatureSchema schema,
        Instant createdAt,
        Map<String, Object> parameters,
        Map<String, Double> metrics,
        String note) {

    public static final String LAMBDAMART = "lambdamart";
    public static final String ATTENTION = "attention";

    public ModelRef ref() {
        return ModelRef.of(name, version);
    }
}
