package io.magpie.encoder.model.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import io.magpie.encoder.model.Cosine;
import io.magpie.encoder.model.Pooling;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TorchRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard Hugging Face folder of BGE small English v1.5 (CLS pooling, 12 layers, 512 positions), made here
 * from the ONNX artifact the way PyTorch would save it, read by the folder loader, against ONNX Runtime
 * running that artifact.
 */
class BgeFolderParityTest {

    /** Under the reference's own cut (510 word pieces), so both read the same tokens. */
    private static final List<String> TEXTS = List.of(
            "paper towels",
            "a",
            "Bounty Select-A-Size Paper Towels, 12 Double Rolls = 24 Regular Rolls!!! (White) -- best value?!",
            "Café crème brûlée set: 4 ramekins, naïve façade design, Größe M, año 2024",
            "東京 スマートフォン ケース 防水 and 手机壳 for iPhone 15 😀👍",
            "USB-C to HDMI 2.1 adapter 8K@60Hz / 4K@144Hz, 6.6ft (2m), 48Gbps, #1 seller; price $19.99 & free shipping",
            "This ergonomic office chair has adjustable lumbar support, a breathable mesh back, padded armrests "
                    + "that flip up, a seat height range of 17 to 21 inches and smooth rolling casters that "
                    + "protect hardwood floors; assembly takes about twenty minutes. ".repeat(3),
            "replacement laptop battery charger 65W for Dell XPS 13 / Inspiron");

    @TempDir
    Path dir;

    @Test
    void bgeFromAHuggingFaceFolderMatchesOnnxRuntime() throws IOException {
        Path folder = BgeFolder.write(dir.resolve("bge-small-en-v15"));
        Engine engine = TorchRuntime.start(true, Optional.empty(), 2);
        BgeSmallEnV15EmbeddingModel reference = new BgeSmallEnV15EmbeddingModel();

        try (SentenceEncoder ours = SentenceEncoder.load(folder, engine)) {
            assertEquals(Pooling.CLS, ours.descriptor().pooling(), "pooling from 1_Pooling/config.json");
            assertEquals(512, ours.descriptor().maxTokens());
            assertEquals(384, ours.dimension());
            float[][] vectors = ours.embed(ours.tokenize(TEXTS));
            double min = 1;
            for (int i = 0; i < TEXTS.size(); i++) {
                double cosine = Cosine.of(
                        vectors[i], reference.embed(TEXTS.get(i)).content().vector());
                System.out.printf("BGE folder parity text %d: cosine %.10f%n", i, cosine);
                min = Math.min(min, cosine);
            }
            System.out.printf(
                    "BGE folder parity with ONNX Runtime over %d texts: minimum cosine %.10f%n", TEXTS.size(), min);
            assertTrue(min >= 0.9999, "minimum cosine " + min);
        }
    }
}
