package io.magpie.encoder.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.magpie.encoder.model.hf.HfModelFolder;
import io.magpie.encoder.model.hf.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A version of the small built-in model with CLS pooling instead of mean, so its vectors differ: a second version
 * for tests of versions, without training one.
 */
public final class ClsVersion {

    public static final ModelSpec BASE = ModelSpec.ALL_MINILM_L6_V2;

    private ClsVersion() {}

    /** Writes {@code <models>/<name>/<version>/}, under a temporary name first and renamed, as the job does. */
    public static void write(Path models, String version) throws IOException {
        ModelDescriptor base = BASE.descriptor();
        String name = base.name();
        ModelDescriptor descriptor = new ModelDescriptor(
                name,
                version,
                Pooling.CLS,
                true,
                base.maxTokens(),
                "",
                "",
                Instant.now(),
                base.ref().toString(),
                HfModelFolder.JSON.createObjectNode().put("note", "cls pooling, for the test"));
        Path temporary = models.resolve(name).resolve(".writing-" + version);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            BertCheckpoint checkpoint = BASE.read(manager);
            HfModelFolder.write(
                    temporary,
                    new BertCheckpoint(
                            checkpoint.config(), checkpoint.parameters(), checkpoint.tokenizerJson(), descriptor));
        }
        Files.move(temporary, models.resolve(name).resolve(version));
    }
}
