package io.magpie.eval.rec;

import static io.magpie.eval.rec.TinyInteractions.A;
import static io.magpie.eval.rec.TinyInteractions.B;
import static io.magpie.eval.rec.TinyInteractions.C;
import static io.magpie.eval.rec.TinyInteractions.D;
import static io.magpie.eval.rec.TinyInteractions.E;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.eval.metrics.Bootstrap;
import io.magpie.eval.rec.RecEvaluation.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemVectorsTest {

    /** A and C point one way, B, D and E others: C is nearest to a history of A. */
    private static final String VECTORS = "1 0\n0 1\n0.9 0.1\n-1 0\n0 -1\n";

    @TempDir
    Path folder;

    @Test
    void scoresByTheRecencyWeightedMeanOfTheLatestDistinctItemsAndJoinsTheReport() throws IOException {
        Path file = folder.resolve("tiny.vectors");
        Files.writeString(file, VECTORS);
        Files.writeString(folder.resolve("tiny.about"), "trained in 1.0 s\n");
        ItemVectors vectors = ItemVectors.read("tiny", file, 5, 2, 0.5);

        double[] scores = new double[5];
        // most recent A weighs 1, B before it 0.5; the older repeat of A is not counted again
        vectors.score(new int[] {A, B, A}, scores);
        assertEquals(1.0, scores[A], 1e-9);
        assertEquals(0.5, scores[B], 1e-9);
        assertEquals(0.95, scores[C], 1e-6);
        assertEquals(-1.0, scores[D], 1e-9);
        assertEquals(-0.5, scores[E], 1e-9);

        Result result =
                new RecEvaluation(TinyInteractions.data(), 2, new Bootstrap(50, 1, 0.95)).run(false, List.of(vectors));
        assertEquals("tiny", result.summaries().get(RecEvaluation.BASELINES).key());
        // u0 (history A B, target C) has C first: a hit at rank 1
        assertEquals(1, result.users().get(0).ranks()[RecEvaluation.BASELINES]);
        String report = new RecReport(
                        result, null, TinyInteractions.data(), new Bootstrap(50, 1, 0.95), Map.of(), Map.of())
                .markdown("tiny");
        assertTrue(report.contains("trained in 1.0 s"), report);
    }

    @Test
    void refusesAFileWithoutOneVectorPerItem() throws IOException {
        Path file = folder.resolve("short.vectors");
        Files.writeString(file, "1 0\n0 1\n");
        assertThrows(IllegalArgumentException.class, () -> ItemVectors.read("short", file, 5, 20, 0.5));
    }
}
