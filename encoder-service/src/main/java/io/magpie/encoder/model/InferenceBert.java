package io.magpie.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The BERT forward pass for serving: the same function as {@link BertModel}, computed with fewer, larger
 * operations, because on CPU each engine call costs time of its own. Query, key and value are one fused
 * projection with the 1/sqrt(head size) score scale folded into the query weights; every dense layer is one
 * {@code linear} (matrix product and bias in one call); GELU is the engine's exact GELU; position and token-type
 * embeddings are summed once; batches without padding skip the mask; dense layers run on a {@link DenseKernel}
 * whose weights are prepared once, at load. Not for training: the fused weights are
 * copies, so gradients would not reach {@link BertParameters}.
 */
final class InferenceBert {

    private final BertConfig config;
    private final Shape hiddenShape;
    private final NDArray wordEmbeddings;
    /** Position embeddings plus the embedding of token type 0 (single-segment input), [max positions, hidden]. */
    private final NDArray positionAndType;

    private final BertParameters.Norm embeddingNorm;
    private final List<Layer> layers;

    /** One layer's dense layers, prepared for the kernel, and its norms. */
    private record Layer(
            DenseLayers.Dense qkv,
            DenseLayers.Dense attentionOutput,
            BertParameters.Norm attentionNorm,
            DenseLayers.Dense up,
            DenseLayers.Dense down,
            BertParameters.Norm outputNorm) {}

    private final DenseKernel kernel;

    /** Builds the fused and prepared weights in the parameters' manager, which must not be capped yet. */
    InferenceBert(BertConfig config, BertParameters parameters, DenseKernel wanted) {
        this.config = config;
        this.hiddenShape = new Shape(config.hiddenSize());
        this.wordEmbeddings = parameters.wordEmbeddings();
        this.positionAndType = parameters
                .positionEmbeddings()
                .add(parameters.tokenTypeEmbeddings().get(new NDIndex("0")));
        this.embeddingNorm = parameters.embeddingNorm();
        DenseLayers dense = DenseLayers.create(wanted, wordEmbeddings.getManager());
        this.kernel = dense.kernel();
        float scale = (float) (1 / Math.sqrt(config.headSize()));
        this.layers = new ArrayList<>();
        for (BertParameters.Layer layer : parameters.layers()) {
            NDArray scaledQuery = layer.query().weight().mul(scale);
            NDArray scaledQueryBias = layer.query().bias().mul(scale);
            NDArray qkv = NDArrays.concat(
                    new NDList(scaledQuery, layer.key().weight(), layer.value().weight()), 1);
            NDArray qkvBias = NDArrays.concat(
                    new NDList(
                            scaledQueryBias, layer.key().bias(), layer.value().bias()),
                    0);
            scaledQuery.close();
            scaledQueryBias.close();
            layers.add(new Layer(
                    dense.dense(qkv, qkvBias),
                    dense(dense, layer.attentionOutput()),
                    layer.attentionNorm(),
                    dense(dense, layer.intermediate()),
                    dense(dense, layer.output()),
                    layer.outputNorm()));
            if (kernel != DenseKernel.PLAIN) {
                qkv.close(); // the packed copy is all the kernel reads
            }
        }
    }

    private static DenseLayers.Dense dense(DenseLayers dense, BertParameters.Linear linear) {
        return dense.dense(linear.weight(), linear.bias());
    }

    /** The kernel that computes the dense layers. */
    DenseKernel kernel() {
        return kernel;
    }

    /**
     * @param inputIds      [batch, tokens] int64, padded on the right
     * @param attentionMask [batch, tokens] int64, 1 for real tokens
     * @param padded        whether any row has padding (else the mask is all ones and is skipped)
     * @return the last hidden state, [batch, tokens, hidden], in the manager of {@code inputIds}
     */
    NDArray forward(NDArray inputIds, NDArray attentionMask, boolean padded) {
        long batch = inputIds.getShape().get(0);
        long tokens = inputIds.getShape().get(1);
        // Parameters are never the receiver of an operation: results would attach to their (capped) manager.
        NDArray x = inScope(inputIds, ids -> {
            NDArray positions = ids.getManager().arange(0, (int) tokens, 1, DataType.INT64);
            return norm(lookup(ids, wordEmbeddings).add(lookup(positions, positionAndType)), embeddingNorm);
        });
        NDArray scoreBias = padded
                ? attentionMask
                        .toType(DataType.FLOAT32, false)
                        .sub(1f)
                        .mul(Float.MAX_VALUE)
                        .reshape(batch, 1, 1, tokens)
                : null;
        for (Layer layer : layers) {
            NDArray next = inScope(x, input -> layer(input, scoreBias, layer, batch, tokens));
            x.close();
            x = next;
        }
        if (scoreBias != null) {
            scoreBias.close();
        }
        return x;
    }

    private NDArray layer(NDArray x, NDArray scoreBias, Layer layer, long batch, long tokens) {
        int heads = config.attentionHeads();
        // [batch, tokens, 3 * hidden] -> [3, batch, heads, tokens, head size], split into three views of
        // [1, batch, heads, tokens, head size] in one call (indexing each would be several engine calls)
        NDList qkv = layer.qkv()
                .apply(x)
                .reshape(batch, tokens, 3, heads, config.headSize())
                .transpose(2, 0, 3, 1, 4)
                .split(3, 0);
        NDArray scores = qkv.get(0).matMul(qkv.get(1).transpose(0, 1, 2, 4, 3));
        if (scoreBias != null) {
            scores = scores.add(scoreBias);
        }
        NDArray context = scores.softmax(-1)
                .matMul(qkv.get(2))
                .transpose(0, 1, 3, 2, 4)
                .reshape(batch, tokens, config.hiddenSize());
        NDArray attended = norm(layer.attentionOutput().apply(context).add(x), layer.attentionNorm());
        NDArray fed = layer.down().apply(Activation.gelu(layer.up().apply(attended)));
        return norm(fed.add(attended), layer.outputNorm());
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray norm(NDArray x, BertParameters.Norm norm) {
        return LayerNorm.layerNorm(x, hiddenShape, norm.gamma(), norm.beta(), config.layerNormEps())
                .singletonOrThrow();
    }

    /** Runs one step in a child manager, so that its intermediates are freed as soon as it ends. */
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
