package io.magpie.encoder.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.TorchRuntime;
import java.io.IOException;
import java.util.Optional;

/** The real all-MiniLM-L6-v2 weights and tokenizer from the class path, as a base model to fine-tune. */
final class MiniLmFixture implements AutoCloseable {

    final Engine engine;
    final NDManager manager;
    final BertCheckpoint checkpoint;

    MiniLmFixture() throws IOException {
        engine = TorchRuntime.start(true, Optional.empty(), 2);
        manager = engine.newBaseManager();
        checkpoint = ModelSpec.ALL_MINILM_L6_V2.read(manager);
    }

    TrainableEncoder trainable(int maxTokens) throws IOException {
        return TrainableEncoder.of(checkpoint, maxTokens, engine.newBaseManager());
    }

    @Override
    public void close() {
        manager.close();
    }
}
