package io.magpie.encoder.model;

/**
 * A text as the model reads it.
 *
 * @param ids       word-piece ids, with the special tokens, at most the model's maximum
 * @param truncated whether the text was longer and its end was cut off
 */
public record TokenizedText(long[] ids, boolean truncated) {

    public int length() {
        return ids.length;
    }
}
