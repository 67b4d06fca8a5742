package io.magpie.fusion.ranking.attention;

/**
 * The JSON file beside an attention model's parameters: what it reads and how it was made.
 *
 * @param format            always {@link #FORMAT}
 * @param formatVersion     the layout of the parameter file; {@link #FORMAT_VERSION} today
 * @param shape             the input shape the model scores
 * @param featureSchema     the feature schema its inputs follow
 * @param hyperParameters   sizes and training settings
 * @param metrics           training and validation figures; null for an untrained model
 * @param parametersSha256  SHA-256 of the parameter file, hex: a changed or truncated file is refused
 */
public record AttentionModelDescriptor(
        String format,
        int formatVersion,
        AttentionShape shape,
        FeatureSchemaId featureSchema,
        AttentionHyperParameters hyperParameters,
        TrainingMetrics metrics,
        String parametersSha256) {

    public static final String FORMAT = "magpie-attention-fusion";
    public static final int FORMAT_VERSION = 1;
}
