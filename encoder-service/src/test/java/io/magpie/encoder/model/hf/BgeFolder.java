package io.magpie.encoder.model.hf;

import io.magpie.encoder.model.OnnxWeights;
import io.magpie.encoder.model.WeightTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a standard Hugging Face folder of BGE small English v1.5 from the langchain4j artifact's ONNX file, the
 * way PyTorch would have saved it, plus BAAI's config and sentence-transformers files (CLS pooling).
 */
public final class BgeFolder {

    /** PyTorch's ONNX export names a transposed Linear weight after its MatMul node. */
    private static final Pattern MATMUL = Pattern.compile("/encoder/layer\\.(\\d+)/(.+)/MatMul");

    private BgeFolder() {}

    /** config.json, model.safetensors ("bert." names, Linear weights [out, in]), tokenizer.json, ST files. */
    public static Path write(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("1_Pooling"));
        OnnxWeights onnx;
        try (InputStream in = resource("bge-small-en-v1.5.onnx")) {
            onnx = OnnxWeights.read(in);
        }
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (String name : onnx.names()) {
            WeightTensor weight = onnx.get(name);
            Matcher matMul = MATMUL.matcher(name);
            String torchName = matMul.matches()
                    ? "encoder.layer." + matMul.group(1) + "." + matMul.group(2).replace('/', '.') + ".weight"
                    : name;
            WeightTensor tensor = matMul.matches() ? transposed(weight) : weight;
            tensors.put("bert." + torchName, new WeightTensor("bert." + torchName, tensor.shape(), tensor.data()));
        }
        SafeTensors.write(folder.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        // BAAI/bge-small-en-v1.5's config.json and sentence-transformers files, trimmed to what matters.
        Files.writeString(folder.resolve("config.json"), """
                {"architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu",
                 "hidden_size": 384, "num_hidden_layers": 12, "num_attention_heads": 12,
                 "intermediate_size": 1536, "max_position_embeddings": 512, "vocab_size": 30522,
                 "type_vocab_size": 2, "layer_norm_eps": 1e-12}""");
        Files.writeString(folder.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""");
        Files.writeString(folder.resolve("1_Pooling/config.json"), """
                {"word_embedding_dimension": 384, "pooling_mode_cls_token": true,
                 "pooling_mode_mean_tokens": false, "pooling_mode_max_tokens": false}""");
        Files.writeString(folder.resolve("sentence_bert_config.json"), """
                {"max_seq_length": 512, "do_lower_case": true}""");
        try (InputStream tokenizer = resource("bge-small-en-v1.5-tokenizer.json")) {
            Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        }
        return folder;
    }

    private static WeightTensor transposed(WeightTensor weight) {
        int rows = (int) weight.shape()[0];
        int columns = (int) weight.shape()[1];
        float[] values = new float[rows * columns];
        weight.data()
                .duplicate()
                .order(weight.data().order())
                .rewind()
                .asFloatBuffer()
                .get(values);
        ByteBuffer data = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder());
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows; r++) {
                data.putFloat(values[r * columns + c]);
            }
        }
        return new WeightTensor(weight.name(), new long[] {columns, rows}, data.rewind());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BgeFolder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not on the class path");
        }
        return in;
    }
}
