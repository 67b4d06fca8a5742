package io.magpie.encoder.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.magpie.api.encoder.TextKind;
import io.magpie.encoder.model.Cosine;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.hf.HfModelFolder;
import io.magpie.encoder.model.hf.ModelDescriptor;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trained model written as a version folder is read back by the serving encoder and gives the same vectors. */
class ExportedVersionTest {

    private static final List<String> TEXTS =
            List.of("zork", "Wireless noise cancelling over-ear headphones", "organic tea");

    static MiniLmFixture base;

    @BeforeAll
    static void load() throws Exception {
        base = new MiniLmFixture();
    }

    @AfterAll
    static void close() {
        base.close();
    }

    @Test
    void publishedVersionEncodesLikeTheTrainedModel(@TempDir Path models) throws Exception {
        Hyperparameters hp = new Hyperparameters(2, 4, 1e-4f, 0f, 0.01f, 0.05f, 64, 3L, 0);
        try (TrainableEncoder trained = base.trainable(64)) {
            ContrastiveTrainer.train(trained, ContrastiveTrainerTest.TOY, hp, progress -> {});
            ModelDescriptor descriptor = trained.baseDescriptor()
                    .withVersion(
                            "1-ft-test",
                            Instant.now(),
                            "all-minilm-l6-v2@1",
                            JsonNodeFactory.instance.objectNode().put("finalLoss", 0.1));

            Path folder = VersionPublisher.publish(models, trained.checkpoint(descriptor));

            assertEquals(models.resolve("all-minilm-l6-v2").resolve("1-ft-test"), folder);
            assertTrue(HfModelFolder.isComplete(folder));
            try (var names = Files.list(folder.getParent())) {
                assertEquals(
                        List.of("1-ft-test"),
                        names.map(p -> p.getFileName().toString()).toList(),
                        "no staging folder left behind");
            }
            ModelDescriptor read = HfModelFolder.readDescriptor(folder);
            assertEquals("all-minilm-l6-v2@1", read.base());
            assertEquals(0.1, read.training().path("finalLoss").asDouble());
            for (TextKind kind : TextKind.values()) {
                float[][] inMemory = inMemory(trained, kind);
                try (SentenceEncoder served = SentenceEncoder.load(folder, base.engine);
                        SentenceEncoder original = SentenceEncoder.load(ModelSpec.ALL_MINILM_L6_V2, base.engine)) {
                    float[][] fromFolder = served.embed(served.tokenize(
                            TEXTS.stream().map(t -> served.prefixed(t, kind)).toList()));
                    float[][] before = original.embed(original.tokenize(TEXTS));
                    for (int i = 0; i < TEXTS.size(); i++) {
                        assertTrue(Cosine.of(inMemory[i], fromFolder[i]) > 0.999999, "text " + i);
                        assertFalse(Cosine.of(before[i], fromFolder[i]) > 0.999999, "training changed text " + i);
                    }
                }
            }
            assertThrows(
                    FileAlreadyExistsException.class,
                    () -> VersionPublisher.publish(models, trained.checkpoint(descriptor)));
        }
    }

    private static float[][] inMemory(TrainableEncoder trained, TextKind kind) {
        try (NDManager scope = trained.manager().newSubManager()) {
            float[] flat = trained.embed(scope, TEXTS, kind).toFloatArray();
            int dim = flat.length / TEXTS.size();
            float[][] rows = new float[TEXTS.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
            return rows;
        }
    }
}
