package io.magpie.fusion.ranking.attention;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A trained (or loaded) attention fusion model: scores all candidates of a request in one batched forward pass
 * and says, per candidate, how much it trusted each source. Safe for concurrent scoring; {@link #close()} frees
 * its native memory, after which it must not be used (the caller makes sure no request is still in flight).
 */
public final class AttentionFusionModel implements AutoCloseable {

    /** DJL's name of the engine the model runs on. */
    static final String ENGINE = "PyTorch";

    private final NDManager manager;
    private final AttentionFusionBlock block;
    private final ParameterStore store;
    private final FeatureSchemaId featureSchema;
    private final AttentionHyperParameters hyperParameters;
    private final TrainingMetrics metrics;

    AttentionFusionModel(
            NDManager manager,
            AttentionFusionBlock block,
            FeatureSchemaId featureSchema,
            AttentionHyperParameters hyperParameters,
            TrainingMetrics metrics) {
        this.manager = manager;
        this.block = block;
        this.store = new ParameterStore(manager, false);
        this.featureSchema = featureSchema;
        this.hyperParameters = hyperParameters;
        this.metrics = metrics;
    }

    /** A manager for one model's parameters on the engine's default device. */
    static NDManager newManager() {
        return Engine.getEngine(ENGINE).newBaseManager();
    }

    /** A model with freshly initialised weights (seeded by the hyper-parameters): the trainer's starting point. */
    static AttentionFusionModel untrained(
            AttentionShape shape,
            FeatureSchemaId featureSchema,
            AttentionHyperParameters hyperParameters,
            InputStandardisation standardisation) {
        NDManager manager = newManager();
        AttentionFusionBlock block = new AttentionFusionBlock(shape, hyperParameters, standardisation);
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, block.inputShapes(1));
        return new AttentionFusionModel(manager, block, featureSchema, hyperParameters, null);
    }

    /**
     * Scores the candidates of one request.
     *
     * @throws AttentionInputException when the input does not fit {@link #shape()} or holds NaN or infinity
     */
    public AttentionScores score(AttentionInput input) {
        AttentionShape shape = shape();
        input.validate(shape);
        IntraOpThreads.ensure();
        try (NDManager scope = manager.newSubManager()) {
            NDList outputs = forward(scope, AttentionTensors.of(scope, shape, List.of(input)), false);
            float[] scores = outputs.get(0).toFloatArray();
            float[] flatWeights = outputs.get(1).toFloatArray();
            float[][] weights = new float[scores.length][];
            for (int i = 0; i < scores.length; i++) {
                weights[i] = java.util.Arrays.copyOfRange(flatWeights, i * shape.sources(), (i + 1) * shape.sources());
            }
            return new AttentionScores(scores, weights);
        }
    }

    /** The block's forward pass; outputs belong to the inputs' manager. */
    NDList forward(NDManager scope, NDList inputs, boolean training) {
        NDList outputs = block.forward(store, inputs, training);
        outputs.attach(scope);
        return outputs;
    }

    public AttentionShape shape() {
        return block.shape();
    }

    public FeatureSchemaId featureSchema() {
        return featureSchema;
    }

    public AttentionHyperParameters hyperParameters() {
        return hyperParameters;
    }

    /** How it was trained; empty for a model that was never trained. */
    public Optional<TrainingMetrics> metrics() {
        return Optional.ofNullable(metrics);
    }

    /** Writes parameters and descriptor to a folder (created if needed); see {@link AttentionModelFiles}. */
    public void save(Path folder) throws java.io.IOException {
        AttentionModelFiles.save(this, folder);
    }

    /**
     * Reads a model saved by {@link #save}, refusing it unless it was built for this shape and feature schema.
     *
     * @throws AttentionModelRefusedException for missing, corrupt or mismatched files
     */
    public static AttentionFusionModel load(Path folder, AttentionShape expectedShape, FeatureSchemaId expectedSchema) {
        return AttentionModelFiles.load(folder, expectedShape, expectedSchema);
    }

    AttentionFusionBlock block() {
        return block;
    }

    NDManager manager() {
        return manager;
    }

    /** The same parameters, now with training metrics (the trainer's last step). */
    AttentionFusionModel withMetrics(TrainingMetrics trainingMetrics) {
        return new AttentionFusionModel(manager, block, featureSchema, hyperParameters, trainingMetrics);
    }

    @Override
    public void close() {
        manager.close();
    }
}
