package io.magpie.encoder.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.magpie.encoder.model.TorchRuntime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContrastiveLossTest {

    private static final float TEMPERATURE = 0.5f;

    @Test
    void crossEntropyOfEachQueryAgainstItsOwnDocument() {
        Engine engine = TorchRuntime.start(true, Optional.empty(), 1);
        try (NDManager manager = engine.newBaseManager()) {
            // Orthonormal queries; document i = query i, so the diagonal cosine is 1 and every other 0.
            float[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            var queries = manager.create(identity, new Shape(3, 3));
            var documents = manager.create(identity, new Shape(3, 3));
            List<TrainingPair> distinct = List.of(pair("a", "x"), pair("b", "y"), pair("c", "z"));

            float loss = ContrastiveLoss.infoNce(queries, documents, distinct, TEMPERATURE)
                    .getFloat();

            double right = Math.exp(1 / TEMPERATURE);
            assertEquals(-Math.log(right / (right + 2)), loss, 1e-5);
        }
    }

    @Test
    void aSharedQueryIsNotANegative() {
        Engine engine = TorchRuntime.start(true, Optional.empty(), 1);
        try (NDManager manager = engine.newBaseManager()) {
            float[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            var queries = manager.create(identity, new Shape(3, 3));
            var documents = manager.create(identity, new Shape(3, 3));
            // Pairs 0 and 1 share their query: each row keeps only its own document and pair 2's.
            List<TrainingPair> shared = List.of(pair("a", "x"), pair("a", "y"), pair("c", "z"));

            float loss = ContrastiveLoss.infoNce(queries, documents, shared, TEMPERATURE)
                    .getFloat();

            double right = Math.exp(1 / TEMPERATURE);
            double rowsWithOneNegative = -Math.log(right / (right + 1));
            double rowWithTwo = -Math.log(right / (right + 2));
            assertEquals((2 * rowsWithOneNegative + rowWithTwo) / 3, loss, 1e-5);
        }
    }

    @Test
    void maskMarksSharedQueriesAndDocumentsOnly() {
        float[] mask = ContrastiveLoss.falseNegativeMask(List.of(pair("a", "x"), pair("b", "x"), pair("c", "z")));
        assertEquals(0f, mask[0]);
        assertEquals(-1e4f, mask[1]);
        assertEquals(-1e4f, mask[3]);
        assertEquals(0f, mask[2]);
        assertEquals(0f, mask[8]);
        assertEquals(null, ContrastiveLoss.falseNegativeMask(List.of(pair("a", "x"), pair("b", "y"))));
    }

    private static TrainingPair pair(String query, String document) {
        return new TrainingPair(query, document);
    }
}
