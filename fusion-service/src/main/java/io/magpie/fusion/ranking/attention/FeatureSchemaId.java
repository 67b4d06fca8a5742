package io.magpie.fusion.ranking.attention;

/**
 * The feature schema a model was trained with; a model is refused where the serving schema differs.
 *
 * @param name    the schema's name
 * @param version its version
 */
public record FeatureSchemaId(String name, String version) {

    public FeatureSchemaId {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("a feature schema needs a name and a version");
        }
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
