package io.magpie.eval.bench;

import java.util.List;

/** What the encoder benchmark measures: one call that encodes a batch of texts. */
@FunctionalInterface
public interface TextEncoder {

    /**
     * Encodes the texts in one request.
     *
     * @return how many vectors came back
     */
    int encode(List<String> texts) throws Exception;
}
