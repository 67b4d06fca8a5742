package io.magpie.encoder.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * The learned tensors of a BERT encoder, independent of the file they came from.
 *
 * @param wordEmbeddings      [vocab, hidden]
 * @param positionEmbeddings  [max positions, hidden]
 * @param tokenTypeEmbeddings [type vocab, hidden]
 * @param embeddingNorm       the LayerNorm after the summed embeddings
 * @param layers              the encoder layers, input side first
 */
public record BertParameters(NDArray wordEmbeddings, NDArray positionEmbeddings, NDArray tokenTypeEmbeddings,
                             Norm embeddingNorm, List<Layer> layers) {

    public BertParameters {
        layers = List.copyOf(layers);
    }

    /** A dense layer y = x W + b, with W stored [in, out] so that it multiplies activations directly. */
    public record Linear(NDArray weight, NDArray bias) {
    }

    /** LayerNorm scale and shift. */
    public record Norm(NDArray gamma, NDArray beta) {
    }

    /** One transformer block: self-attention, then the feed-forward network, each with residual + LayerNorm. */
    public record Layer(Linear query, Linear key, Linear value, Linear attentionOutput, Norm attentionNorm,
                        Linear intermediate, Linear output, Norm outputNorm) {
    }
}
