package io.magpie.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a sentence vector is made from the token vectors of the last layer. */
public enum Pooling {

    /** Average of the real (non-padding) tokens, as sentence-transformers' MiniLM models are trained. */
    MEAN {
        @Override
        public NDArray pool(NDArray hidden, NDArray attentionMask) {
            NDArray weights = attentionMask.toType(DataType.FLOAT32, false).expandDims(2);
            // Same floor as sentence-transformers: a row without tokens gives 0, not NaN.
            NDArray counts = weights.sum(new int[] {1}).maximum(1e-9f);
            return hidden.mul(weights).sum(new int[] {1}).div(counts);
        }
    },

    /** The vector of the first token ([CLS]), as BGE models are trained. */
    CLS {
        @Override
        public NDArray pool(NDArray hidden, NDArray attentionMask) {
            return hidden.get(new NDIndex(":, 0, :"));
        }
    };

    /**
     * @param hidden        [batch, tokens, hidden]
     * @param attentionMask [batch, tokens], 1 for real tokens
     * @return [batch, hidden]
     */
    public abstract NDArray pool(NDArray hidden, NDArray attentionMask);

    /** As written in model descriptors: "mean", "cls". */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Pooling fromJson(String value) {
        for (Pooling pooling : values()) {
            if (pooling.json().equalsIgnoreCase(value)) {
                return pooling;
            }
        }
        throw new IllegalArgumentException("pooling must be 'mean' or 'cls', got '" + value + "'");
    }
}
