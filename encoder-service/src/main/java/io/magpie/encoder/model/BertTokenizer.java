package io.magpie.encoder.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns texts into word-piece ids with a Hugging Face {@code tokenizer.json}: special tokens added,
 * truncated to the model's maximum, never padded (batches are padded to their own longest text).
 */
public final class BertTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;

    private BertTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
    }

    /**
     * @param tokenizerJson the {@code tokenizer.json}; its own truncation and padding settings are replaced
     * @param maxTokens     the longest input the model was trained for, special tokens included
     */
    public static BertTokenizer load(InputStream tokenizerJson, int maxTokens) throws IOException {
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(maxTokens),
                // DJL lowers maxLength to modelMaxLength when that is smaller.
                "modelMaxLength", Integer.toString(maxTokens));
        return new BertTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, options), maxTokens);
    }

    public int maxTokens() {
        return maxTokens;
    }

    public List<TokenizedText> tokenize(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        List<TokenizedText> tokenized = new ArrayList<>(encodings.length);
        for (Encoding encoding : encodings) {
            tokenized.add(new TokenizedText(encoding.getIds(), encoding.exceedMaxLength()));
        }
        return tokenized;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
