package io.magpie.encoder.model.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.BertConfig;
import io.magpie.encoder.model.BertParameters;
import io.magpie.encoder.model.Pooling;
import io.magpie.encoder.model.WeightTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT sentence encoder as a Hugging Face model folder: {@code config.json}, {@code model.safetensors}
 * (PyTorch's tensor names, linear weights [out, in], an optional leading {@code bert.}), {@code tokenizer.json},
 * the sentence-transformers files when present ({@code modules.json}, {@code 1_Pooling/config.json},
 * {@code sentence_bert_config.json}) and Magpie's {@code magpie-model.json}.
 *
 * <p>Where the descriptor and the sentence-transformers files disagree, the descriptor wins; without a
 * descriptor, the sentence-transformers files (or BERT's defaults: mean pooling, normalised) describe it.
 */
public final class HfModelFolder {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    private static final String MODULES = "modules.json";
    private static final String POOLING_CONFIG = "1_Pooling/config.json";
    private static final String SENTENCE_BERT_CONFIG = "sentence_bert_config.json";
    private static final String NORMALIZE_MODULE = "sentence_transformers.models.Normalize";

    /** Reads and writes the folder's JSON files (dates as ISO-8601 text). */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private HfModelFolder() {}

    /** Whether {@code dir} holds a complete Magpie model version (its descriptor is written last). */
    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(ModelDescriptor.FILE_NAME));
    }

    /** The folder's {@code config.json}, without reading the weights. */
    public static BertConfig readConfig(Path dir) throws IOException {
        return readConfigFile(dir.resolve(CONFIG));
    }

    /** The folder's {@code magpie-model.json}. */
    public static ModelDescriptor readDescriptor(Path dir) throws IOException {
        try {
            return JSON.readValue(dir.resolve(ModelDescriptor.FILE_NAME).toFile(), ModelDescriptor.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(
                    dir.resolve(ModelDescriptor.FILE_NAME) + " is not a valid model descriptor: " + e.getMessage(), e);
        }
    }

    /**
     * Describes a plain Hugging Face folder (no {@code magpie-model.json}) from its sentence-transformers files:
     * pooling from {@code 1_Pooling/config.json}, normalisation from a Normalize module in {@code modules.json},
     * the token limit from {@code sentence_bert_config.json} (else the position embeddings, at most 512).
     */
    public static ModelDescriptor describe(Path dir, String name, String version) throws IOException {
        JsonNode config = readJson(dir.resolve(CONFIG));
        Pooling pooling = Pooling.MEAN;
        Path poolingConfig = dir.resolve(POOLING_CONFIG);
        if (Files.isRegularFile(poolingConfig)) {
            JsonNode node = readJson(poolingConfig);
            if (node.path("pooling_mode_cls_token").asBoolean(false)) {
                pooling = Pooling.CLS;
            } else if (!node.path("pooling_mode_mean_tokens").asBoolean(true)) {
                throw new IOException(poolingConfig + ": only mean or CLS pooling is supported");
            }
        }
        boolean normalize = true;
        Path modules = dir.resolve(MODULES);
        if (Files.isRegularFile(modules)) {
            normalize = false;
            for (JsonNode module : readJson(modules)) {
                normalize |= NORMALIZE_MODULE.equals(module.path("type").asText());
            }
        }
        int maxTokens = Math.min(512, config.path("max_position_embeddings").asInt(512));
        Path sentenceConfig = dir.resolve(SENTENCE_BERT_CONFIG);
        if (Files.isRegularFile(sentenceConfig)) {
            maxTokens = readJson(sentenceConfig).path("max_seq_length").asInt(maxTokens);
        }
        return new ModelDescriptor(name, version, pooling, normalize, maxTokens, "", "", null, null, null);
    }

    /**
     * Reads the folder into {@code manager}: its descriptor if it has one, else {@link #describe} with the
     * folder's parent and own names as name and version.
     */
    public static BertCheckpoint read(Path dir, NDManager manager) throws IOException {
        ModelDescriptor descriptor = isComplete(dir)
                ? readDescriptor(dir)
                : describe(
                        dir,
                        dir.toAbsolutePath().getParent().getFileName().toString(),
                        dir.getFileName().toString());
        return read(dir, manager, descriptor);
    }

    /** Reads the folder into {@code manager}, described by {@code descriptor}. */
    public static BertCheckpoint read(Path dir, NDManager manager, ModelDescriptor descriptor) throws IOException {
        BertConfig config = readConfigFile(dir.resolve(CONFIG));
        if (descriptor.maxTokens() > config.maxPositions()) {
            throw new IOException(dir + ": maxTokens " + descriptor.maxTokens() + " exceeds the model's "
                    + config.maxPositions() + " position embeddings");
        }
        Map<String, WeightTensor> tensors = new HashMap<>();
        for (WeightTensor tensor : SafeTensors.read(dir.resolve(WEIGHTS)).values()) {
            String name = tensor.name().startsWith("bert.") ? tensor.name().substring(5) : tensor.name();
            tensors.put(name, tensor);
        }
        BertParameters parameters = new ParameterReader(tensors, config, manager, dir).parameters();
        byte[] tokenizer = Files.readAllBytes(dir.resolve(TOKENIZER));
        return new BertCheckpoint(config, parameters, tokenizer, descriptor);
    }

    /**
     * Writes {@code checkpoint} as a folder that Magpie, Hugging Face transformers and sentence-transformers
     * can read. The descriptor is written last, so a reader that waits for it never sees half a folder.
     */
    public static void write(Path dir, BertCheckpoint checkpoint) throws IOException {
        Files.createDirectories(dir);
        BertConfig config = checkpoint.config();
        ModelDescriptor descriptor = checkpoint.descriptor();
        JSON.writeValue(dir.resolve(CONFIG).toFile(), configJson(config));
        SafeTensors.write(dir.resolve(WEIGHTS), tensors(checkpoint.parameters()), Map.of("format", "pt"));
        Files.write(dir.resolve(TOKENIZER), checkpoint.tokenizerJson());
        writeSentenceTransformersFiles(dir, config, descriptor);
        JSON.writeValue(dir.resolve(ModelDescriptor.FILE_NAME).toFile(), descriptor);
    }

    private static BertConfig readConfigFile(Path file) throws IOException {
        JsonNode json = readJson(file);
        String activation = json.path("hidden_act").asText("gelu");
        if (!activation.equals("gelu")) {
            throw new IOException(file + ": hidden_act '" + activation + "' is not supported (only exact gelu)");
        }
        try {
            return new BertConfig(
                    required(json, "vocab_size", file),
                    required(json, "hidden_size", file),
                    required(json, "num_hidden_layers", file),
                    required(json, "num_attention_heads", file),
                    required(json, "intermediate_size", file),
                    required(json, "max_position_embeddings", file),
                    json.path("type_vocab_size").asInt(2),
                    (float) json.path("layer_norm_eps").asDouble(1e-12));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode configJson(BertConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.putArray("architectures").add("BertModel");
        json.put("model_type", "bert");
        json.put("vocab_size", config.vocabSize());
        json.put("hidden_size", config.hiddenSize());
        json.put("num_hidden_layers", config.layers());
        json.put("num_attention_heads", config.attentionHeads());
        json.put("intermediate_size", config.intermediateSize());
        json.put("max_position_embeddings", config.maxPositions());
        json.put("type_vocab_size", config.typeVocabSize());
        json.put("layer_norm_eps", config.layerNormEps());
        json.put("hidden_act", "gelu");
        json.put("hidden_dropout_prob", 0.1);
        json.put("attention_probs_dropout_prob", 0.1);
        json.put("initializer_range", 0.02);
        json.put("pad_token_id", 0);
        json.put("position_embedding_type", "absolute");
        return json;
    }

    private static void writeSentenceTransformersFiles(Path dir, BertConfig config, ModelDescriptor descriptor)
            throws IOException {
        ArrayNode modules = JSON.createArrayNode();
        modules.addObject()
                .put("idx", 0)
                .put("name", "0")
                .put("path", "")
                .put("type", "sentence_transformers.models.Transformer");
        modules.addObject()
                .put("idx", 1)
                .put("name", "1")
                .put("path", "1_Pooling")
                .put("type", "sentence_transformers.models.Pooling");
        if (descriptor.normalize()) {
            modules.addObject()
                    .put("idx", 2)
                    .put("name", "2")
                    .put("path", "2_Normalize")
                    .put("type", NORMALIZE_MODULE);
            Files.createDirectories(dir.resolve("2_Normalize"));
        }
        JSON.writeValue(dir.resolve(MODULES).toFile(), modules);
        Files.createDirectories(dir.resolve(POOLING_CONFIG).getParent());
        ObjectNode pooling = JSON.createObjectNode()
                .put("word_embedding_dimension", config.hiddenSize())
                .put("pooling_mode_cls_token", descriptor.pooling() == Pooling.CLS)
                .put("pooling_mode_mean_tokens", descriptor.pooling() == Pooling.MEAN)
                .put("pooling_mode_max_tokens", false)
                .put("pooling_mode_mean_sqrt_len_tokens", false);
        JSON.writeValue(dir.resolve(POOLING_CONFIG).toFile(), pooling);
        JSON.writeValue(
                dir.resolve(SENTENCE_BERT_CONFIG).toFile(),
                JSON.createObjectNode()
                        .put("max_seq_length", descriptor.maxTokens())
                        .put("do_lower_case", false));
    }

    /** The parameters under their PyTorch names, linear weights transposed back to [out, in]. */
    private static Map<String, WeightTensor> tensors(BertParameters parameters) {
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        parameters.named().forEach(n -> put(tensors, n.name(), n.array(), n.linearWeight()));
        return tensors;
    }

    private static void put(Map<String, WeightTensor> tensors, String name, NDArray array, boolean transpose) {
        long[] shape = array.getShape().getShape();
        // toFloatArray copies to the heap (from the GPU too) without creating an NDArray.
        float[] values = array.toFloatArray();
        if (transpose) {
            values = transpose(values, (int) shape[0], (int) shape[1]);
            shape = new long[] {shape[1], shape[0]};
        }
        ByteBuffer data = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder());
        data.asFloatBuffer().put(values);
        tensors.put(name, new WeightTensor(name, shape, data));
    }

    /** Row-major [rows, columns] to [columns, rows]. */
    static float[] transpose(float[] values, int rows, int columns) {
        float[] result = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                result[c * rows + r] = values[r * columns + c];
            }
        }
        return result;
    }

    private static int required(JsonNode json, String field, Path file) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() <= 0) {
            throw new IOException(file + ": '" + field + "' must be a positive integer");
        }
        return value.asInt();
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing");
        }
        return JSON.readTree(file.toFile());
    }

    /** Turns the named tensors into {@link BertParameters}, checking every shape against the config. */
    private static final class ParameterReader {
        private final Map<String, WeightTensor> tensors;
        private final BertConfig config;
        private final NDManager manager;
        private final Path dir;

        ParameterReader(Map<String, WeightTensor> tensors, BertConfig config, NDManager manager, Path dir) {
            this.tensors = tensors;
            this.config = config;
            this.manager = manager;
            this.dir = dir;
        }

        BertParameters parameters() throws IOException {
            int hidden = config.hiddenSize();
            List<BertParameters.Layer> layers = new ArrayList<>();
            for (int i = 0; i < config.layers(); i++) {
                String prefix = "encoder.layer." + i + ".";
                layers.add(new BertParameters.Layer(
                        linear(prefix + "attention.self.query", hidden, hidden),
                        linear(prefix + "attention.self.key", hidden, hidden),
                        linear(prefix + "attention.self.value", hidden, hidden),
                        linear(prefix + "attention.output.dense", hidden, hidden),
                        norm(prefix + "attention.output.LayerNorm"),
                        linear(prefix + "intermediate.dense", hidden, config.intermediateSize()),
                        linear(prefix + "output.dense", config.intermediateSize(), hidden),
                        norm(prefix + "output.LayerNorm")));
            }
            return new BertParameters(
                    array("embeddings.word_embeddings.weight", false, config.vocabSize(), hidden),
                    array("embeddings.position_embeddings.weight", false, config.maxPositions(), hidden),
                    array("embeddings.token_type_embeddings.weight", false, config.typeVocabSize(), hidden),
                    norm("embeddings.LayerNorm"),
                    layers);
        }

        private BertParameters.Linear linear(String module, int in, int out) throws IOException {
            return new BertParameters.Linear(
                    array(module + ".weight", true, out, in), array(module + ".bias", false, out));
        }

        private BertParameters.Norm norm(String module) throws IOException {
            int hidden = config.hiddenSize();
            // Old checkpoints call LayerNorm's parameters gamma and beta.
            String weight = tensors.containsKey(module + ".weight") ? ".weight" : ".gamma";
            String bias = tensors.containsKey(module + ".bias") ? ".bias" : ".beta";
            return new BertParameters.Norm(array(module + weight, false, hidden), array(module + bias, false, hidden));
        }

        /**
         * @param transpose  PyTorch linear weights are [out, in]; {@link BertParameters} keeps [in, out]
         * @param fileShape  the shape the file must have
         */
        private NDArray array(String name, boolean transpose, long... fileShape) throws IOException {
            WeightTensor tensor = tensors.get(name);
            if (tensor == null) {
                throw new IOException(dir.resolve(WEIGHTS) + " has no tensor '" + name + "' (nor 'bert." + name + "')");
            }
            if (!Arrays.equals(tensor.shape(), fileShape)) {
                throw new IOException(dir.resolve(WEIGHTS) + ": '" + name + "' has shape "
                        + Arrays.toString(tensor.shape()) + ", config.json implies " + Arrays.toString(fileShape));
            }
            ByteBuffer data = tensor.data();
            long[] shape = fileShape;
            if (transpose) {
                float[] values = new float[(int) tensor.elementCount()];
                data.duplicate().order(data.order()).rewind().asFloatBuffer().get(values);
                float[] transposed = transpose(values, (int) fileShape[0], (int) fileShape[1]);
                data = ByteBuffer.allocateDirect(transposed.length * Float.BYTES)
                        .order(ByteOrder.nativeOrder());
                FloatBuffer view = data.asFloatBuffer();
                view.put(transposed);
                shape = new long[] {fileShape[1], fileShape[0]};
            }
            NDArray array = manager.create(data, new Shape(shape), DataType.FLOAT32);
            array.setName(name);
            return array;
        }
    }
}
