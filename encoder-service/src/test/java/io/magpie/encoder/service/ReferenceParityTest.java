package io.magpie.encoder.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.api.encoder.TextKind;
import io.magpie.encoder.model.Cosine;
import io.magpie.encoder.model.ModelSpec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our DJL/PyTorch forward pass against ONNX Runtime running the same weights (langchain4j's reference
 * model), through the service so that batching, padding, pooling and query prefixes are covered too; for every
 * built-in model (the test profile loads them all).
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

    static Stream<Arguments> builtInModels() {
        Supplier<EmbeddingModel> miniLm = AllMiniLmL6V2EmbeddingModel::new;
        Supplier<EmbeddingModel> bge = BgeSmallEnV15EmbeddingModel::new;
        return Stream.of(
                Arguments.of(ModelSpec.ALL_MINILM_L6_V2, miniLm, TextKind.DOCUMENT),
                Arguments.of(ModelSpec.ALL_MINILM_L6_V2, miniLm, TextKind.QUERY),
                Arguments.of(ModelSpec.BGE_SMALL_EN_V1_5, bge, TextKind.DOCUMENT),
                Arguments.of(ModelSpec.BGE_SMALL_EN_V1_5, bge, TextKind.QUERY));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("builtInModels")
    void vectorsMatchOnnxRuntimeReference(ModelSpec model, Supplier<EmbeddingModel> referenceModel, TextKind kind)
            throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!models.isReady()) {
            assertTrue(
                    models.failure().isEmpty(),
                    () -> "model failed to load: " + models.failure().get());
            assertTrue(System.nanoTime() < deadline, "model not ready after 3 minutes");
            Thread.sleep(200);
        }
        EmbeddingModel reference = referenceModel.get();

        EncodeResponse ours = service.encode(new EncodeRequest(model.name(), kind, TEXTS))
                .toCompletableFuture()
                .join();

        assertEquals(model.name(), ours.model());
        assertEquals(List.of(), ours.truncated());
        double min = 1;
        for (int i = 0; i < TEXTS.size(); i++) {
            // The reference knows no prefixes: it gets the text as the model should see it.
            float[] expected = reference
                    .embed(model.prefixFor(kind) + TEXTS.get(i))
                    .content()
                    .vector();
            double cosine = Cosine.of(ours.vectors().get(i), expected);
            System.out.printf("%s %s parity text %d: cosine %.10f%n", model.name(), kind, i, cosine);
            min = Math.min(min, cosine);
        }
        System.out.printf(
                "%s %s parity with ONNX Runtime over %d texts: minimum cosine %.10f%n",
                model.name(), kind, TEXTS.size(), min);
        assertTrue(min >= 0.9999, "minimum cosine " + min);
    }
}
