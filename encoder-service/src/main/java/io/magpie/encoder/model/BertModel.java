package io.magpie.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import java.util.function.UnaryOperator;

/**
 * The BERT encoder forward pass as NDArray operations, step for step what Hugging Face's {@code BertModel}
 * computes (eager attention, exact GELU), so that its output matches the reference to float rounding.
 *
 * <p>Every result lives in the manager of the input ids; the parameters are never the receiver of an
 * operation, so nothing attaches to their (capped) manager.
 */
public final class BertModel {

    /** What HF adds to the scores of padding positions: the lowest float, so softmax gives them exactly 0. */
    private static final float MASKED_SCORE = -Float.MAX_VALUE;

    private static final float SQRT_2 = (float) Math.sqrt(2.0);

    private final BertConfig config;
    private final BertParameters parameters;
    private final Shape hiddenShape;
    private final float scoreScale;

    public BertModel(BertConfig config, BertParameters parameters) {
        this.config = config;
        this.parameters = parameters;
        this.hiddenShape = new Shape(config.hiddenSize());
        this.scoreScale = (float) Math.sqrt(config.headSize());
    }

    public BertConfig config() {
        return config;
    }

    /**
     * @param inputIds      [batch, tokens] int64 word-piece ids, padded on the right
     * @param attentionMask [batch, tokens] int64, 1 for real tokens and 0 for padding
     * @return the last hidden state, [batch, tokens, hidden] float32
     */
    public NDArray forward(NDArray inputIds, NDArray attentionMask) {
        NDArray x = inScope(inputIds, this::embed);
        NDArray scoreBias = attentionMask
                .toType(DataType.FLOAT32, false)
                .neg()
                .add(1f)
                .mul(MASKED_SCORE)
                .reshape(
                        attentionMask.getShape().get(0),
                        1,
                        1,
                        attentionMask.getShape().get(1));
        for (BertParameters.Layer layer : parameters.layers()) {
            NDArray next = inScope(x, input -> encoderLayer(input, scoreBias, layer));
            x.close();
            x = next;
        }
        scoreBias.close();
        return x;
    }

    private NDArray embed(NDArray inputIds) {
        NDManager manager = inputIds.getManager();
        long tokens = inputIds.getShape().get(1);
        NDArray positions = manager.arange(0, (int) tokens, 1, DataType.INT64);
        // Single-segment input: every token type is 0.
        NDArray tokenTypes = manager.zeros(inputIds.getShape(), DataType.INT64);
        NDArray sum = lookup(inputIds, parameters.wordEmbeddings())
                .add(lookup(tokenTypes, parameters.tokenTypeEmbeddings()))
                .add(lookup(positions, parameters.positionEmbeddings()));
        return norm(sum, parameters.embeddingNorm());
    }

    private NDArray encoderLayer(NDArray x, NDArray scoreBias, BertParameters.Layer layer) {
        NDArray attended = norm(selfAttention(x, scoreBias, layer).add(x), layer.attentionNorm());
        NDArray fed = linear(gelu(linear(attended, layer.intermediate())), layer.output());
        return norm(fed.add(attended), layer.outputNorm());
    }

    private NDArray selfAttention(NDArray x, NDArray scoreBias, BertParameters.Layer layer) {
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        NDArray query = splitHeads(linear(x, layer.query()), batch, tokens);
        NDArray key = splitHeads(linear(x, layer.key()), batch, tokens);
        NDArray value = splitHeads(linear(x, layer.value()), batch, tokens);
        NDArray scores = query.matMul(key.transpose(0, 1, 3, 2)).div(scoreScale).add(scoreBias);
        NDArray context =
                scores.softmax(-1).matMul(value).transpose(0, 2, 1, 3).reshape(batch, tokens, config.hiddenSize());
        return linear(context, layer.attentionOutput());
    }

    /** [batch, tokens, hidden] to [batch, heads, tokens, head size]. */
    private NDArray splitHeads(NDArray x, long batch, long tokens) {
        return x.reshape(batch, tokens, config.attentionHeads(), config.headSize())
                .transpose(0, 2, 1, 3);
    }

    private static NDArray linear(NDArray x, BertParameters.Linear linear) {
        return x.matMul(linear.weight()).add(linear.bias());
    }

    private NDArray norm(NDArray x, BertParameters.Norm norm) {
        return LayerNorm.layerNorm(x, hiddenShape, norm.gamma(), norm.beta(), config.layerNormEps())
                .singletonOrThrow();
    }

    /** The exact GELU, x * (1 + erf(x / sqrt 2)) / 2, not the tanh approximation. */
    private static NDArray gelu(NDArray x) {
        return x.mul(x.div(SQRT_2).erf().add(1f)).mul(0.5f);
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Runs one step in a child manager so that its intermediates (attention scores are [batch, heads,
     * tokens, tokens]) are freed as soon as the step ends; only the step's result is kept.
     */
    private static NDArray inScope(NDArray input, UnaryOperator<NDArray> step) {
        NDManager owner = input.getManager();
        try (NDManager scope = owner.newSubManager()) {
            input.tempAttach(scope);
            NDArray result = step.apply(input);
            result.attach(owner);
            return result;
        }
    }
}
