package io.magpie.encoder.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our DJL/PyTorch forward pass against ONNX Runtime running the same weights (langchain4j's reference
 * model), through the service so that batching and padding are covered too.
 */
@QuarkusTest
class ReferenceParityTest {

    /**
     * The reference cuts texts at the tokenizer.json's 128 tokens, we at the model's 256: every text here
     * stays under 128 so both see the same tokens.
     */
    private static final List<String> TEXTS = List.of(
            "paper towels",
            "a",
            "Bounty Select-A-Size Paper Towels, 12 Double Rolls = 24 Regular Rolls!!! (White) -- best value?!",
            "Café crème brûlée set: 4 ramekins, naïve façade design, Größe M, año 2024",
            "東京 スマートフォン ケース 防水 and 手机壳 for iPhone 15 😀👍",
            "USB-C to HDMI 2.1 adapter 8K@60Hz / 4K@144Hz, 6.6ft (2m), 48Gbps, #1 seller; price $19.99 & free shipping",
            "This ergonomic office chair has adjustable lumbar support, a breathable mesh back, padded armrests "
                    + "that flip up, a seat height range of 17 to 21 inches and smooth rolling casters that "
                    + "protect hardwood floors; assembly takes about twenty minutes.",
            "replacement laptop battery charger 65W for Dell XPS 13 / Inspiron");

    @Inject
    EncoderService service;

    @Inject
    ModelRegistry models;

    @Test
    void vectorsMatchOnnxRuntimeReference() throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!models.isReady()) {
            assertTrue(
                    models.failure().isEmpty(),
                    () -> "model failed to load: " + models.failure().get());
            assertTrue(System.nanoTime() < deadline, "model not ready after 3 minutes");
            Thread.sleep(200);
        }
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();

        EncodeResponse ours = service.encode(EncodeRequest.documents(TEXTS))
                .toCompletableFuture()
                .join();

        assertEquals(List.of(), ours.truncated());
        double min = 1;
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] expected = reference.embed(TEXTS.get(i)).content().vector();
            double cosine = cosine(ours.vectors().get(i), expected);
            System.out.printf("parity text %d: cosine %.10f%n", i, cosine);
            min = Math.min(min, cosine);
        }
        System.out.printf("parity with ONNX Runtime over %d texts: minimum cosine %.10f%n", TEXTS.size(), min);
        assertTrue(min >= 0.9999, "minimum cosine " + min);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }
}
