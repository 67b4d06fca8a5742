package io.magpie.encoder.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.magpie.api.encoder.TextKind;
import io.magpie.encoder.model.hf.HfModelFolder;
import io.magpie.encoder.model.hf.ModelDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A loaded sentence encoder: tokenizer, BERT forward pass, pooling and L2 normalisation.
 * Thread-safe; each batch runs in its own {@link NDManager}, closed when the batch is done.
 */
public final class SentenceEncoder implements AutoCloseable {

    private static final float NORM_EPS = 1e-12f;
    /** Float32 weights packed once: the same vectors as the engine's own linear, without its per-call packing. */
    public static final DenseKernel DEFAULT_KERNEL = DenseKernel.PACKED;

    private final ModelDescriptor descriptor;
    private final Engine engine;
    private final NDManager parameterManager;
    private final BertConfig config;
    private final InferenceBert model;
    private final BertTokenizer tokenizer;
    /** Batches hold the read side, so that closing waits for them instead of freeing memory under them. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;

    private SentenceEncoder(
            ModelDescriptor descriptor,
            Engine engine,
            NDManager parameterManager,
            BertConfig config,
            InferenceBert model,
            BertTokenizer tokenizer) {
        this.descriptor = descriptor;
        this.engine = engine;
        this.parameterManager = parameterManager;
        this.config = config;
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Reads a built-in model from the class path onto the engine's default device. */
    public static SentenceEncoder load(ModelSpec spec, Engine engine) throws IOException {
        return load(engine, engine.defaultDevice(), spec::read);
    }

    /** Reads a Hugging Face model folder onto the engine's default device. */
    public static SentenceEncoder load(Path folder, Engine engine) throws IOException {
        return load(engine, engine.defaultDevice(), manager -> HfModelFolder.read(folder, manager));
    }

    /** Where a checkpoint comes from: it creates its tensors in the manager it is given. */
    @FunctionalInterface
    public interface CheckpointReader {
        BertCheckpoint read(NDManager manager) throws IOException;
    }

    /** Reads a checkpoint onto {@code device} (CPU or a GPU), dense layers on the default {@link DenseKernel}. */
    public static SentenceEncoder load(Engine engine, Device device, CheckpointReader reader) throws IOException {
        return load(engine, device, DEFAULT_KERNEL, reader);
    }

    /** Reads a checkpoint onto {@code device}, dense layers on {@code kernel} (where the device has it). */
    public static SentenceEncoder load(Engine engine, Device device, DenseKernel kernel, CheckpointReader reader)
            throws IOException {
        NDManager manager = engine.newBaseManager(device);
        try {
            BertCheckpoint checkpoint = reader.read(manager);
            ModelDescriptor descriptor = checkpoint.descriptor();
            BertConfig config = checkpoint.config();
            InferenceBert model = new InferenceBert(config, checkpoint.parameters(), kernel);
            // The parameters live as long as the model; any result attached here would be a leak, so fail instead.
            manager.cap();
            if (descriptor.maxTokens() > config.maxPositions()) {
                throw new IllegalArgumentException(descriptor.name() + " allows " + descriptor.maxTokens()
                        + " tokens but has only " + config.maxPositions() + " position embeddings");
            }
            BertTokenizer tokenizer =
                    BertTokenizer.load(new ByteArrayInputStream(checkpoint.tokenizerJson()), descriptor.maxTokens());
            return new SentenceEncoder(descriptor, engine, manager, config, model, tokenizer);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Name, version, pooling, limits and prefixes. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The text the model reads for {@code text} of {@code kind}: some models want a prefix per kind. */
    public String prefixed(String text, TextKind kind) {
        String prefix = kind == TextKind.QUERY ? descriptor.queryPrefix() : descriptor.documentPrefix();
        return prefix.isEmpty() ? text : prefix + text;
    }

    public BertConfig config() {
        return config;
    }

    public Device device() {
        return parameterManager.getDevice();
    }

    /** The kernel that computes the dense layers (the one asked for, where the device and build have it). */
    public DenseKernel denseKernel() {
        return model.kernel();
    }

    public int dimension() {
        return config.hiddenSize();
    }

    public List<TokenizedText> tokenize(List<String> texts) {
        return tokenizer.tokenize(texts);
    }

    /** Unit vectors for one batch, padded to its longest text; rows in the order of {@code batch}. */
    public float[][] embed(List<TokenizedText> batch) {
        int rows = batch.size();
        int width = batch.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        boolean padded = batch.stream().anyMatch(text -> text.length() < width);
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int row = 0; row < rows; row++) {
            long[] text = batch.get(row).ids();
            System.arraycopy(text, 0, ids, row * width, text.length);
            Arrays.fill(mask, row * width, row * width + text.length, 1L);
        }
        lifecycle.readLock().lock();
        try (NDManager manager = engine.newBaseManager(parameterManager.getDevice())) {
            if (closed) {
                throw new IllegalStateException(descriptor.ref() + " is closed");
            }
            Shape shape = new Shape(rows, width);
            NDArray attentionMask = manager.create(mask, shape);
            NDArray hidden = model.forward(manager.create(ids, shape), attentionMask, padded);
            NDArray pooled = descriptor.pooling().pool(hidden, attentionMask);
            NDArray vectors = descriptor.normalize() ? pooled.normalize(2, 1, NORM_EPS) : pooled;
            return split(vectors.toFloatArray(), rows);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
                parameterManager.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static float[][] split(float[] flat, int rows) {
        int dim = flat.length / rows;
        float[][] vectors = new float[rows][];
        for (int row = 0; row < rows; row++) {
            vectors[row] = Arrays.copyOfRange(flat, row * dim, (row + 1) * dim);
        }
        return vectors;
    }
}
