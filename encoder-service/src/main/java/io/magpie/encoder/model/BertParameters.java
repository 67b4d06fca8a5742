package io.magpie.encoder.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
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
public record BertParameters(
        NDArray wordEmbeddings,
        NDArray positionEmbeddings,
        NDArray tokenTypeEmbeddings,
        Norm embeddingNorm,
        List<Layer> layers) {

    public BertParameters {
        layers = List.copyOf(layers);
    }

    /**
     * Every tensor under its Hugging Face (PyTorch) name, in file order: the one naming that file formats and
     * training share.
     */
    public List<Named> named() {
        List<Named> named = new ArrayList<>();
        named.add(new Named("embeddings.word_embeddings.weight", wordEmbeddings, false));
        named.add(new Named("embeddings.position_embeddings.weight", positionEmbeddings, false));
        named.add(new Named("embeddings.token_type_embeddings.weight", tokenTypeEmbeddings, false));
        embeddingNorm.addTo(named, "embeddings.LayerNorm");
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String prefix = "encoder.layer." + i + ".";
            layer.query().addTo(named, prefix + "attention.self.query");
            layer.key().addTo(named, prefix + "attention.self.key");
            layer.value().addTo(named, prefix + "attention.self.value");
            layer.attentionOutput().addTo(named, prefix + "attention.output.dense");
            layer.attentionNorm().addTo(named, prefix + "attention.output.LayerNorm");
            layer.intermediate().addTo(named, prefix + "intermediate.dense");
            layer.output().addTo(named, prefix + "output.dense");
            layer.outputNorm().addTo(named, prefix + "output.LayerNorm");
        }
        return named;
    }

    /**
     * One tensor and its Hugging Face name.
     *
     * @param linearWeight whether it is a dense layer's W, kept here as [in, out] where PyTorch stores [out, in]
     */
    public record Named(String name, NDArray array, boolean linearWeight) {}

    /** A dense layer y = x W + b, with W stored [in, out] so that it multiplies activations directly. */
    public record Linear(NDArray weight, NDArray bias) {

        void addTo(List<Named> named, String module) {
            named.add(new Named(module + ".weight", weight, true));
            named.add(new Named(module + ".bias", bias, false));
        }
    }

    /** LayerNorm scale and shift. */
    public record Norm(NDArray gamma, NDArray beta) {

        void addTo(List<Named> named, String module) {
            named.add(new Named(module + ".weight", gamma, false));
            named.add(new Named(module + ".bias", beta, false));
        }
    }

    /** One transformer block: self-attention, then the feed-forward network, each with residual + LayerNorm. */
    public record Layer(
            Linear query,
            Linear key,
            Linear value,
            Linear attentionOutput,
            Norm attentionNorm,
            Linear intermediate,
            Linear output,
            Norm outputNorm) {}
}
