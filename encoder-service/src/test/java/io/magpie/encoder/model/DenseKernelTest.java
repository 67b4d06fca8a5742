package io.magpie.encoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each dense-layer kernel runs (is not silently replaced by the plain one on the CPU) and gives the plain float32
 * pass's vectors: the packed float32 kernel to rounding, the float16 one within its documented cosine 0.999.
 */
class DenseKernelTest {

    /** A padded batch: short and long texts, so the mask and several token counts go through the kernels. */
    private static final List<String> TEXTS = List.of(
            "usb c charger",
            "a",
            "stainless steel insulated water bottle with straw lid, 32 oz, keeps drinks cold for 24 hours",
            "Café crème brûlée set, naïve façade");

    @Test
    void packedAndHalfKernelsGiveThePlainVectors() throws IOException {
        Engine engine = TorchRuntime.start(true, Optional.empty(), 1);
        try (SentenceEncoder plain = load(engine, DenseKernel.PLAIN);
                SentenceEncoder packed = load(engine, DenseKernel.PACKED);
                SentenceEncoder half = load(engine, DenseKernel.HALF)) {
            assertEquals(DenseKernel.PLAIN, plain.denseKernel());
            assertEquals(DenseKernel.PACKED, packed.denseKernel());
            assertEquals(DenseKernel.HALF, half.denseKernel());
            List<TokenizedText> tokens = plain.tokenize(TEXTS);
            float[][] reference = plain.embed(tokens);
            assertClose(reference, packed.embed(tokens), 0.99999, "packed");
            assertClose(reference, half.embed(tokens), 0.999, "half");
            // One text alone (batch 1, no padding) takes the same path as in a batch.
            assertClose(new float[][] {reference[0]}, packed.embed(List.of(tokens.get(0))), 0.99999, "packed, batch 1");
        }
    }

    private static SentenceEncoder load(Engine engine, DenseKernel kernel) throws IOException {
        return SentenceEncoder.load(engine, engine.defaultDevice(), kernel, ModelSpec.ALL_MINILM_L6_V2::read);
    }

    private static void assertClose(float[][] expected, float[][] actual, double minCosine, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double cosine = Cosine.of(expected[i], actual[i]);
            System.out.printf("%s kernel, text %d: cosine to plain %.8f%n", what, i, cosine);
            assertTrue(cosine >= minCosine, what + " text " + i + ": cosine " + cosine);
        }
    }
}
