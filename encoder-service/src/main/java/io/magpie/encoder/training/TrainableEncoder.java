package io.magpie.encoder.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.magpie.api.encoder.TextKind;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.BertConfig;
import io.magpie.encoder.model.BertModel;
import io.magpie.encoder.model.BertParameters;
import io.magpie.encoder.model.BertTokenizer;
import io.magpie.encoder.model.Pooling;
import io.magpie.encoder.model.TokenizedText;
import io.magpie.encoder.model.hf.ModelDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A float32 copy of a BERT encoder's parameters that records gradients, and the differentiable path from texts to
 * unit sentence vectors through the same {@link BertModel} forward pass and {@link Pooling} the service serves with.
 * The base model's tensors are never touched: the copy lives in its own manager, closed with this object.
 */
public final class TrainableEncoder implements AutoCloseable {

    private static final float NORM_EPS = 1e-12f;

    private final NDManager manager;
    private final BertCheckpoint base;
    private final BertConfig config;
    private final BertParameters parameters;
    private final Map<String, NDArray> named;
    private final BertModel model;
    private final BertTokenizer tokenizer;
    private final Pooling pooling;
    private final String queryPrefix;
    private final String documentPrefix;
    private final boolean normalize;

    private TrainableEncoder(
            NDManager manager, BertCheckpoint base, BertParameters parameters, BertTokenizer tokenizer) {
        this.manager = manager;
        this.base = base;
        this.config = base.config();
        this.parameters = parameters;
        this.named = names(parameters);
        this.model = new BertModel(config, parameters);
        this.tokenizer = tokenizer;
        this.pooling = base.descriptor().pooling();
        this.queryPrefix = base.descriptor().queryPrefix();
        this.documentPrefix = base.descriptor().documentPrefix();
        this.normalize = base.descriptor().normalize();
    }

    /**
     * Copies the weights of {@code base} into {@code manager} (which this object then owns) and marks every tensor
     * trainable; texts are cut at {@code maxTokens} word pieces (at most the base model's own limit).
     */
    public static TrainableEncoder of(BertCheckpoint base, int maxTokens, NDManager manager) throws IOException {
        BertParameters source = base.parameters();
        BertParameters copy = new BertParameters(
                trainable(source.wordEmbeddings(), manager),
                trainable(source.positionEmbeddings(), manager),
                trainable(source.tokenTypeEmbeddings(), manager),
                trainable(source.embeddingNorm(), manager),
                source.layers().stream()
                        .map(layer -> new BertParameters.Layer(
                                trainable(layer.query(), manager), trainable(layer.key(), manager),
                                trainable(layer.value(), manager), trainable(layer.attentionOutput(), manager),
                                trainable(layer.attentionNorm(), manager), trainable(layer.intermediate(), manager),
                                trainable(layer.output(), manager), trainable(layer.outputNorm(), manager)))
                        .toList());
        int limit = Math.min(maxTokens, base.descriptor().maxTokens());
        BertTokenizer tokenizer = BertTokenizer.load(new ByteArrayInputStream(base.tokenizerJson()), limit);
        return new TrainableEncoder(manager, base, copy, tokenizer);
    }

    /** The trained weights as a checkpoint described by {@code descriptor}, ready to be written as a folder. */
    public BertCheckpoint checkpoint(ModelDescriptor descriptor) {
        return new BertCheckpoint(config, parameters, base.tokenizerJson(), descriptor);
    }

    /** The model this copy started from. */
    public ModelDescriptor baseDescriptor() {
        return base.descriptor();
    }

    public BertConfig config() {
        return config;
    }

    /** The trained tensors, in {@link BertParameters}' layout (linear weights [in, out]). */
    public BertParameters parameters() {
        return parameters;
    }

    /** Every trainable tensor by a stable name (Hugging Face's module path), for the optimizer's state. */
    public Map<String, NDArray> namedParameters() {
        return named;
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * Sentence vectors [texts, hidden] of {@code texts}, prefixed for their kind, pooled and (if the model is)
     * normalised as the service serves them; differentiable with respect to the parameters inside a gradient
     * collector. Every array is created in {@code batch}.
     */
    public NDArray embed(NDManager batch, List<String> texts, TextKind kind) {
        String prefix = kind == TextKind.QUERY ? queryPrefix : documentPrefix;
        List<TokenizedText> tokens =
                tokenizer.tokenize(texts.stream().map(text -> prefix + text).toList());
        int rows = tokens.size();
        int width = tokens.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int row = 0; row < rows; row++) {
            long[] text = tokens.get(row).ids();
            System.arraycopy(text, 0, ids, row * width, text.length);
            Arrays.fill(mask, row * width, row * width + text.length, 1L);
        }
        Shape shape = new Shape(rows, width);
        NDArray attentionMask = batch.create(mask, shape);
        NDArray hidden = model.forward(batch.create(ids, shape), attentionMask);
        NDArray pooled = pooling.pool(hidden, attentionMask);
        return normalize ? pooled.normalize(2, 1, NORM_EPS) : pooled;
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }

    private static NDArray trainable(NDArray source, NDManager manager) {
        // Through a Java array: the source's manager may be capped, so nothing may be created in or attached to it.
        NDArray copy = manager.create(source.toType(DataType.FLOAT32, false).toFloatArray(), source.getShape());
        copy.setName(source.getName());
        copy.setRequiresGradient(true);
        return copy;
    }

    private static BertParameters.Linear trainable(BertParameters.Linear linear, NDManager manager) {
        return new BertParameters.Linear(trainable(linear.weight(), manager), trainable(linear.bias(), manager));
    }

    private static BertParameters.Norm trainable(BertParameters.Norm norm, NDManager manager) {
        return new BertParameters.Norm(trainable(norm.gamma(), manager), trainable(norm.beta(), manager));
    }

    private static Map<String, NDArray> names(BertParameters p) {
        Map<String, NDArray> named = new LinkedHashMap<>();
        p.named().forEach(n -> named.put(n.name(), n.array()));
        return Collections.unmodifiableMap(named);
    }
}
