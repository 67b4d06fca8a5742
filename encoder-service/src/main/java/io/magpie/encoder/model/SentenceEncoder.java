package io.magpie.encoder.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
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

    private final ModelSpec spec;
    private final Engine engine;
    private final NDManager parameterManager;
    private final BertModel model;
    private final BertTokenizer tokenizer;
    /** Batches hold the read side, so that closing waits for them instead of freeing memory under them. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private SentenceEncoder(ModelSpec spec, Engine engine, NDManager parameterManager, BertModel model,
                            BertTokenizer tokenizer) {
        this.spec = spec;
        this.engine = engine;
        this.parameterManager = parameterManager;
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /** Reads the weights and tokenizer from the class path onto the engine's default device. */
    public static SentenceEncoder load(ModelSpec spec, Engine engine) throws IOException {
        Device device = engine.defaultDevice();
        NDManager manager = engine.newBaseManager(device);
        try {
            BertParameters parameters;
            try (InputStream onnx = resource(spec.weightsResource())) {
                parameters = OnnxBertLoader.load(OnnxWeights.read(onnx), manager);
            }
            // The parameters live as long as the model; any result attached here would be a leak, so fail instead.
            manager.cap();
            BertConfig config = BertConfig.of(parameters, spec.attentionHeads(), spec.layerNormEps());
            if (spec.maxTokens() > config.maxPositions()) {
                throw new IllegalArgumentException(spec.name() + " allows " + spec.maxTokens()
                        + " tokens but has only " + config.maxPositions() + " position embeddings");
            }
            try (InputStream json = resource(spec.tokenizerResource())) {
                return new SentenceEncoder(spec, engine, manager, new BertModel(config, parameters),
                        BertTokenizer.load(json, spec.maxTokens()));
            }
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    public BertConfig config() {
        return model.config();
    }

    public int dimension() {
        return model.config().hiddenSize();
    }

    public List<TokenizedText> tokenize(List<String> texts) {
        return tokenizer.tokenize(texts);
    }

    /** Unit vectors for one batch, padded to its longest text; rows in the order of {@code batch}. */
    public float[][] embed(List<TokenizedText> batch) {
        int rows = batch.size();
        int width = batch.stream().mapToInt(TokenizedText::length).max().orElseThrow();
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
                throw new IllegalStateException(spec.name() + " is closed");
            }
            Shape shape = new Shape(rows, width);
            NDArray attentionMask = manager.create(mask, shape);
            NDArray hidden = model.forward(manager.create(ids, shape), attentionMask);
            NDArray vectors = spec.pooling().pool(hidden, attentionMask).normalize(2, 1, NORM_EPS);
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

    private static InputStream resource(String name) throws IOException {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("class-path resource '" + name + "' not found");
        }
        return in;
    }
}
