package io.magpie.encoder.model;

import ai.djl.ndarray.NDManager;
import io.magpie.api.encoder.TextKind;
import io.magpie.encoder.model.hf.ModelDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

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
public record ModelSpec(
        String name,
        String version,
        String weightsResource,
        String tokenizerResource,
        int maxTokens,
        int attentionHeads,
        float layerNormEps,
        Pooling pooling,
        String queryPrefix,
        String documentPrefix) {

    /**
     * sentence-transformers/all-MiniLM-L6-v2 as shipped in langchain4j's jar; heads, epsilon and the
     * 256-token limit are from the model's config.json and sentence_bert_config.json.
     */
    public static final ModelSpec ALL_MINILM_L6_V2 = new ModelSpec(
            "all-minilm-l6-v2",
            "1",
            "all-minilm-l6-v2.onnx",
            "all-minilm-l6-v2-tokenizer.json",
            256,
            12,
            1e-12f,
            Pooling.MEAN,
            "",
            "");

    /**
     * BAAI/bge-small-en-v1.5 as shipped in langchain4j's jar: 12 layers, CLS pooling, 512 positions, and the
     * instruction BAAI puts before short retrieval queries (documents get none); from the model's config.json,
     * sentence-transformers files and model card.
     */
    public static final ModelSpec BGE_SMALL_EN_V1_5 = new ModelSpec(
            "bge-small-en-v1.5",
            "1",
            "bge-small-en-v1.5.onnx",
            "bge-small-en-v1.5-tokenizer.json",
            512,
            12,
            1e-12f,
            Pooling.CLS,
            "Represent this sentence for searching relevant passages: ",
            "");

    /** The models read from Maven artifacts on the class path: always there, never shadowed by a folder. */
    public static final List<ModelSpec> BUILT_IN = List.of(ALL_MINILM_L6_V2, BGE_SMALL_EN_V1_5);

    /** How this built-in model describes itself; built-in models are always normalised. */
    public ModelDescriptor descriptor() {
        return new ModelDescriptor(
                name, version, pooling, true, maxTokens, queryPrefix, documentPrefix, null, null, null);
    }

    /** Reads the weights and tokenizer from the class path into {@code manager}. */
    public BertCheckpoint read(NDManager manager) throws IOException {
        BertParameters parameters;
        try (InputStream onnx = resource(weightsResource)) {
            parameters = OnnxBertLoader.load(OnnxWeights.read(onnx), manager);
        }
        byte[] tokenizer;
        try (InputStream json = resource(tokenizerResource)) {
            tokenizer = json.readAllBytes();
        }
        return new BertCheckpoint(
                BertConfig.of(parameters, attentionHeads, layerNormEps), parameters, tokenizer, descriptor());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ModelSpec.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("class-path resource '" + name + "' not found");
        }
        return in;
    }

    /** Texts without a kind are treated as documents. */
    public String prefixFor(TextKind kind) {
        return kind == TextKind.QUERY ? queryPrefix : documentPrefix;
    }
}
