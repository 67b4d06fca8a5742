package io.magpie.encoder.model;

import java.util.List;
import java.util.Optional;

/** The models this build can serve, by name. */
public final class ModelCatalog {

    private static final List<ModelSpec> MODELS = List.of(ModelSpec.ALL_MINILM_L6_V2);

    private ModelCatalog() {
    }

    public static Optional<ModelSpec> find(String name) {
        return MODELS.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return MODELS.stream().map(ModelSpec::name).toList();
    }
}
