package io.magpie.fusion.ranking.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The attention fusion network of DESIGN.md section 4, for a batch of requests (serving is a batch of one):
 * <pre>
 *   a_{i,s} = softmax over present s of v . tanh(W_c c + W_{x,s} x_{i,s} + b_s)
 *   h_i     = sum_s a_{i,s} (E_s x_{i,s} + e_s)
 *   score_i = w_2 . relu(W_1 [h_i ; z_i] + b_1) + b_2
 * </pre>
 * W_x, b and the embedding E are per source: sources are not interchangeable (a dense cosine of 0.8 and a BM25
 * score of 0.8 mean different things), and the attention has to know which source it weighs to trust one for one
 * kind of request and another for another; a shared projection would only see feature values. Per-source key and
 * embedding projections are one [sources, perSource, attention + embedding] tensor, one batched matmul.
 *
 * <p>Inputs: sources [B, N, S, Fs], presence [B, N, S] (1 present, 0 absent), items [B, N, Fi], context [B, Fc].
 * Outputs: scores [B, N] and attention weights [B, N, S]. Inputs are standardised inside the block with
 * non-trainable parameters fitted on the training data ({@link InputStandardisation}).
 */
final class AttentionFusionBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Added to the logits of absent sources: exp underflows to exactly 0 in float. */
    private static final float ABSENT = -1e9f;

    private final AttentionShape shape;
    private final int attentionSize;
    private final int embeddingSize;

    private final Parameter sourceMean;
    private final Parameter sourceScale;
    private final Parameter itemMean;
    private final Parameter itemScale;
    private final Parameter contextMean;
    private final Parameter contextScale;
    private final Parameter sourceWeight;
    private final Parameter sourceBias;
    private final Parameter contextWeight;
    private final Parameter attentionVector;
    private final Parameter hiddenWeight;
    private final Parameter hiddenBias;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    AttentionFusionBlock(AttentionShape shape, AttentionHyperParameters hp, InputStandardisation standardisation) {
        super(VERSION);
        this.shape = shape;
        this.attentionSize = hp.attentionSize();
        this.embeddingSize = hp.embeddingSize();
        int s = shape.sources();
        int fs = shape.perSource();
        long seed = hp.seed();
        Shape perSourceFeatures = new Shape(s, fs);
        sourceMean = fixed("sourceMean", perSourceFeatures, standardisation.sourceMean());
        sourceScale = fixed("sourceScale", perSourceFeatures, standardisation.sourceScale());
        itemMean = fixed("itemMean", new Shape(shape.items()), standardisation.itemMean());
        itemScale = fixed("itemScale", new Shape(shape.items()), standardisation.itemScale());
        contextMean = fixed("contextMean", new Shape(shape.context()), standardisation.contextMean());
        contextScale = fixed("contextScale", new Shape(shape.context()), standardisation.contextScale());
        sourceWeight = weight("sourceWeight", new Shape(s, fs, attentionSize + embeddingSize), seed);
        sourceBias = bias("sourceBias", new Shape(s, attentionSize + embeddingSize));
        contextWeight = weight("contextWeight", new Shape(shape.context(), attentionSize), seed);
        attentionVector = weight("attentionVector", new Shape(attentionSize, 1), seed);
        hiddenWeight = weight("hiddenWeight", new Shape(embeddingSize + shape.items(), hp.hiddenSize()), seed);
        hiddenBias = bias("hiddenBias", new Shape(hp.hiddenSize()));
        outputWeight = weight("outputWeight", new Shape(hp.hiddenSize(), 1), seed);
        outputBias = bias("outputBias", new Shape(1));
    }

    AttentionShape shape() {
        return shape;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray sources = inputs.get(0);
        NDArray presence = inputs.get(1);
        NDArray items = inputs.get(2);
        NDArray context = inputs.get(3);
        long batch = sources.getShape().get(0);
        long candidates = sources.getShape().get(1);
        int sourceCount = shape.sources();

        NDArray x = sources.sub(value(store, sourceMean, sources, training))
                .div(value(store, sourceScale, sources, training));
        // Each source through its own projection as one batched matmul over sources:
        // [S, B*N, Fs] x [S, Fs, A + D] -> [S, B*N, A + D]. (A broadcast matmul of [B, N, S, 1, Fs] would copy the
        // weights once per candidate first.)
        NDArray projected = x.reshape(batch * candidates, sourceCount, shape.perSource())
                .transpose(1, 0, 2)
                .batchMatMul(value(store, sourceWeight, sources, training))
                .transpose(1, 0, 2)
                .reshape(batch, candidates, sourceCount, attentionSize + embeddingSize)
                .add(value(store, sourceBias, sources, training));
        NDList keysAndEmbeddings = projected.split(new long[] {attentionSize}, 3);
        NDArray keys = keysAndEmbeddings.get(0);
        NDArray embeddings = keysAndEmbeddings.get(1);

        NDArray query = context.sub(value(store, contextMean, sources, training))
                .div(value(store, contextScale, sources, training))
                .matMul(value(store, contextWeight, sources, training))
                .reshape(batch, 1, 1, attentionSize);
        NDArray logits = keys.add(query)
                .tanh()
                .matMul(value(store, attentionVector, sources, training))
                .squeeze(3);
        NDArray weights = logits.add(presence.sub(1f).mul(-ABSENT)).softmax(2).mul(presence);

        NDArray attended = weights.expandDims(3).mul(embeddings).sum(new int[] {2});
        NDArray z =
                items.sub(value(store, itemMean, sources, training)).div(value(store, itemScale, sources, training));
        NDArray hidden = Activation.relu(attended.concat(z, 2)
                .matMul(value(store, hiddenWeight, sources, training))
                .add(value(store, hiddenBias, sources, training)));
        NDArray scores = hidden.matMul(value(store, outputWeight, sources, training))
                .squeeze(2)
                .add(value(store, outputBias, sources, training));
        return new NDList(scores, weights);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape presence = inputShapes[1];
        return new Shape[] {new Shape(presence.get(0), presence.get(1)), presence};
    }

    /** The shapes of a batch of one request with the given number of candidates, to initialise the block. */
    Shape[] inputShapes(long candidates) {
        return new Shape[] {
            new Shape(1, candidates, shape.sources(), shape.perSource()),
            new Shape(1, candidates, shape.sources()),
            new Shape(1, candidates, shape.items()),
            new Shape(1, shape.context())
        };
    }

    private static NDArray value(ParameterStore store, Parameter parameter, NDArray like, boolean training) {
        return store.getValue(parameter, like.getDevice(), training);
    }

    private Parameter weight(String name, Shape parameterShape, long seed) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(parameterShape)
                .optInitializer(new SeededGlorotInitializer(seed ^ name.hashCode()))
                .build());
    }

    private Parameter bias(String name, Shape parameterShape) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(parameterShape)
                .optInitializer(Initializer.ZEROS)
                .build());
    }

    /** A parameter training does not change (standardisation): its value is given. */
    private Parameter fixed(String name, Shape parameterShape, float[] values) {
        if (values.length != parameterShape.size()) {
            throw new IllegalArgumentException(
                    name + " needs " + parameterShape.size() + " values, got " + values.length);
        }
        Initializer given = (NDManager manager, Shape s, ai.djl.ndarray.types.DataType type) ->
                manager.create(values.clone(), s).toType(type, false);
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(parameterShape)
                .optInitializer(given)
                .optRequiresGrad(false)
                .build());
    }
}
