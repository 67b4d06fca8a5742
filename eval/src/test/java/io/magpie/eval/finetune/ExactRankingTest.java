package io.magpie.eval.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.model.ModelRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactRankingTest {

    @Test
    void bestFirstCutAtDepthTiesToTheEarlierProduct() {
        float[][] products = {{0, 1}, {1, 0}, {0.6f, 0.8f}, {1, 0}, {-1, 0}};
        List<String> ids = List.of("a", "b", "c", "d", "e");

        assertEquals(List.of("b", "d", "c"), ExactRanking.top(new float[] {1, 0}, products, ids, 3));
        assertEquals(List.of("a", "c", "b", "d", "e"), ExactRanking.top(new float[] {0, 1}, products, ids, 10));
    }

    @Test
    void cachedVectorsComeBackForTheSameTextsOnly(@TempDir Path dir) throws Exception {
        VectorCache cache = new VectorCache(dir);
        List<Integer> encodedBatches = new ArrayList<>();
        VectorCache.Encoder encoder = texts -> {
            encodedBatches.add(texts.size());
            float[][] vectors = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                vectors[i] = new float[] {texts.get(i).length(), 1};
            }
            return vectors;
        };

        ModelRef model = ModelRef.parse("m@1");
        float[][] first = cache.vectors(model, "document", List.of("a", "bb", "ccc"), 2, encoder, done -> {});
        float[][] again = cache.vectors(model, "document", List.of("a", "bb", "ccc"), 2, encoder, done -> {});
        cache.vectors(model, "document", List.of("a", "bb", "cccc"), 2, encoder, done -> {});

        assertEquals(List.of(2, 1, 2, 1), encodedBatches, "the second call read the file; the third had new texts");
        // the name files had before ModelRef: caches of earlier runs stay valid
        assertTrue(Files.isRegularFile(
                dir.resolve("m_1.document." + VectorCache.hash(List.of("a", "bb", "ccc")) + ".f32")));
        assertNotSame(first, again);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], again[i]);
        }
    }
}
