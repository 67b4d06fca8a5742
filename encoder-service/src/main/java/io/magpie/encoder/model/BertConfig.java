package io.magpie.encoder.model;

/**
 * The hyper-parameters of a BERT encoder. Sizes come from the weights; only what the weights cannot tell
 * (how the hidden size splits into heads, the LayerNorm epsilon) comes from the model's description.
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int layers,
        int attentionHeads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        float layerNormEps) {

    public BertConfig {
        if (attentionHeads <= 0 || hiddenSize % attentionHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden size " + hiddenSize + " does not split into " + attentionHeads + " attention heads");
        }
    }

    public int headSize() {
        return hiddenSize / attentionHeads;
    }

    public static BertConfig of(BertParameters parameters, int attentionHeads, float layerNormEps) {
        long[] words = parameters.wordEmbeddings().getShape().getShape();
        return new BertConfig(
                Math.toIntExact(words[0]),
                Math.toIntExact(words[1]),
                parameters.layers().size(),
                attentionHeads,
                Math.toIntExact(parameters
                        .layers()
                        .get(0)
                        .intermediate()
                        .weight()
                        .getShape()
                        .get(1)),
                Math.toIntExact(parameters.positionEmbeddings().getShape().get(0)),
                Math.toIntExact(parameters.tokenTypeEmbeddings().getShape().get(0)),
                layerNormEps);
    }
}
