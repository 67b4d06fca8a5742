package io.magpie.fusion.ranking;

import io.magpie.fusion.features.ExtractedFeatures;
import io.magpie.fusion.features.FeatureSchema;
import io.magpie.fusion.ranking.attention.AttentionInput;
import io.magpie.fusion.ranking.attention.AttentionShape;
import io.magpie.fusion.ranking.attention.FeatureSchemaId;
import io.magpie.fusion.ranking.attention.LabelledCandidate;
import io.magpie.fusion.ranking.attention.TrainingQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one mapping from the extractor's output to the attention model's input, used by training and serving alike
 * (ADR 0013): each source's block minus its first column ({@code present}) -> {@code sources}; that column ->
 * {@code present}; the schema's item features (the candidate's own data, how it matches the query, the graph path
 * kinds that proposed it) -> {@code items}; the schema's context features (query length, what the graph
 * recognised, dense-lexical overlap) -> {@code context}. Every flat feature lands in exactly one place.
 */
public final class AttentionFeatures {

    /** The per-source column that says whether the source proposed the candidate. */
    static final String PRESENT = "present";

    private AttentionFeatures() {}

    /** The model's input sizes for a schema; the schema's first per-source feature must be presence. */
    public static AttentionShape shape(FeatureSchema schema) {
        if (schema.perSourceFeatures().isEmpty()
                || !PRESENT.equals(schema.perSourceFeatures().get(0))) {
            throw new IllegalStateException("feature schema " + schema.id() + " does not start each source's block"
                    + " with '" + PRESENT + "'");
        }
        return new AttentionShape(
                schema.sources().size(),
                schema.perSourceFeatures().size() - 1,
                schema.itemFeatures().size(),
                schema.contextFeatures().size());
    }

    /** The schema as the attention model records it. */
    public static FeatureSchemaId schemaId(FeatureSchema schema) {
        return new FeatureSchemaId(schema.name(), String.valueOf(schema.version()));
    }

    /** All candidates of one request, for scoring. */
    public static AttentionInput input(ExtractedFeatures features) {
        int n = features.size();
        float[][][] sources = new float[n][][];
        boolean[][] present = new boolean[n][];
        for (int i = 0; i < n; i++) {
            sources[i] = sources(features.perSource()[i]);
            present[i] = present(features.perSource()[i]);
        }
        return new AttentionInput(sources, present, features.item(), features.context());
    }

    /** One labelled request, for training; {@code gains[i]} belongs to {@code features.ids().get(i)}. */
    public static TrainingQuery trainingQuery(ExtractedFeatures features, float[] gains) {
        List<LabelledCandidate> candidates = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            candidates.add(new LabelledCandidate(
                    sources(features.perSource()[i]), present(features.perSource()[i]), features.item()[i], gains[i]));
        }
        return TrainingQuery.of(features.context(), candidates);
    }

    private static float[][] sources(float[][] block) {
        float[][] withoutPresence = new float[block.length][];
        for (int s = 0; s < block.length; s++) {
            withoutPresence[s] = Arrays.copyOfRange(block[s], 1, block[s].length);
        }
        return withoutPresence;
    }

    private static boolean[] present(float[][] block) {
        boolean[] present = new boolean[block.length];
        for (int s = 0; s < block.length; s++) {
            present[s] = block[s][0] > 0.5f;
        }
        return present;
    }
}
