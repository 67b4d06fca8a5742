package io.magpie.encoder.model;

import io.magpie.api.encoder.TextKind;

/**
 * What the service must know about a sentence encoder beyond its weights.
 *
 * @param name              the name callers use
 * @param version           changes whenever the vectors change (new weights, fine-tuning)
 * @param weightsResource   class-path resource of the ONNX file
 * @param tokenizerResource class-path resource of the {@code tokenizer.json}
 * @param maxTokens         longest input in word pieces, special tokens included; longer texts are cut
 * @param attentionHeads    heads per attention layer
 * @param layerNormEps      LayerNorm epsilon
 * @param pooling           how token vectors become one sentence vector
 * @param queryPrefix       put before queries (E5 models want "query: ")
 * @param documentPrefix    put before documents (E5 models want "passage: ")
 */
public record ModelSpec(String name, String version, String weightsResource, String tokenizerResource,
                        int maxTokens, int attentionHeads, float layerNormEps, Pooling pooling,
                        String queryPrefix, String documentPrefix) {

    /**
     * sentence-transformers/all-MiniLM-L6-v2 as shipped in langchain4j's jar; heads, epsilon and the
     * 256-token limit are from the model's config.json and sentence_bert_config.json.
     */
    public static final ModelSpec ALL_MINILM_L6_V2 = new ModelSpec("all-minilm-l6-v2", "1",
            "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
            256, 12, 1e-12f, Pooling.MEAN, "", "");

    /** Texts without a kind are treated as documents. */
    public String prefixFor(TextKind kind) {
        return kind == TextKind.QUERY ? queryPrefix : documentPrefix;
    }
}
