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
 * pass's vectors: the packed float32 kernel to rounding, the float16 one within the cosine 0.999 bar, the int8 one
 * within its documented (lower) cosine. Off the CPU every kernel gives way to the plain one.
 */
class DenseKernelTest {

    /** A padded batch: short and long texts, so the mask and several token counts go through the kernels. */
    private static final List<String> TEXTS = List.of(
            "usb c charger",
            "a",
            "stainless steel insulated water bottle with straw lid, 32 oz, keeps drinks cold for 24 hours",
            "Café crème brûlée set, naïve façade");

    @Test
    void packedHalfAndInt8KernelsGiveThePlainVectors() throws IOException {
        Engine engine = TorchRuntime.start(true, Optional.empty(), 1);
        try (SentenceEncoder plain = load(engine, DenseKernel.PLAIN);
                SentenceEncoder packed = load(engine, DenseKernel.PACKED);
                SentenceEncoder half = load(engine, DenseKernel.HALF);
                SentenceEncoder int8 = load(engine, DenseKernel.INT8)) {
            assertEquals(DenseKernel.PLAIN, plain.denseKernel());
            assertEquals(DenseKernel.PACKED, packed.denseKernel());
            assertEquals(DenseKernel.HALF, half.denseKernel());
            assertEquals(DenseKernel.INT8, int8.denseKernel());
            List<TokenizedText> tokens = plain.tokenize(TEXTS);
            float[][] reference = plain.embed(tokens);
            assertClose(reference, packed.embed(tokens), 0.99999, "packed");
            assertClose(reference, half.embed(tokens), 0.999, "half");
            // int8 does not reach the 0.999 bar (0.985-0.992 on these texts; docs/adr/0041): this guards the
            // documented figure, so that a broken quantisation (a wrong scale, 7-bit activations: 0.97) fails.
            assertClose(reference, int8.embed(tokens), 0.98, "int8");
            assertClose(new float[][] {reference[0]}, int8.embed(List.of(tokens.get(0))), 0.98, "int8, batch 1");
            // One text alone (batch 1, no padding) takes the same path as in a batch.
            assertClose(new float[][] {reference[0]}, packed.embed(List.of(tokens.get(0))), 0.99999, "packed, batch 1");
        }
    }

    @Test
    void onlyThePlainKernelRunsOffTheCpu() {
        for (DenseKernel kernel : DenseKernel.values()) {
            assertEquals(kernel, kernel.on(true));
            assertEquals(DenseKernel.PLAIN, kernel.on(false), kernel + " off the CPU");
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
