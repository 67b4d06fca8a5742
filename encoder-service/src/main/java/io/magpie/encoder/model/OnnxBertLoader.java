package io.magpie.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link BertParameters} from the weights of a Hugging Face {@code BertModel} exported to ONNX by
 * PyTorch: module parameters keep their dotted names ({@code encoder.layer.0.attention.self.query.bias}),
 * linear weights are anonymous, already transposed to [in, out], and named by {@link OnnxWeights} after their
 * MatMul node ({@code /encoder/layer.0/attention/self/query/MatMul}).
 */
public final class OnnxBertLoader {

    private final OnnxWeights weights;
    private final NDManager manager;

    private OnnxBertLoader(OnnxWeights weights, NDManager manager) {
        this.weights = weights;
        this.manager = manager;
    }

    /** Creates the tensors in {@code manager}; on CPU they share the memory that {@code weights} read. */
    public static BertParameters load(OnnxWeights weights, NDManager manager) {
        return new OnnxBertLoader(weights, manager).parameters();
    }

    /** Layers are numbered from 0 without gaps; the count is how many the file has. */
    static int layerCount(OnnxWeights weights) {
        int count = 0;
        while (weights.contains(layerPrefix(count) + "attention.self.query.bias")) {
            count++;
        }
        return count;
    }

    private BertParameters parameters() {
        int layerCount = layerCount(weights);
        if (layerCount == 0) {
            throw new IllegalArgumentException("the ONNX file has no BERT encoder layers (" + layerPrefix(0)
                    + "attention.self.query.bias not found)");
        }
        List<BertParameters.Layer> layers = new ArrayList<>(layerCount);
        for (int i = 0; i < layerCount; i++) {
            layers.add(layer(i));
        }
        return new BertParameters(
                tensor("embeddings.word_embeddings.weight"),
                tensor("embeddings.position_embeddings.weight"),
                tensor("embeddings.token_type_embeddings.weight"),
                norm("embeddings.LayerNorm"),
                layers);
    }

    private BertParameters.Layer layer(int index) {
        return new BertParameters.Layer(
                linear(index, "attention.self.query"),
                linear(index, "attention.self.key"),
                linear(index, "attention.self.value"),
                linear(index, "attention.output.dense"),
                norm(layerPrefix(index) + "attention.output.LayerNorm"),
                linear(index, "intermediate.dense"),
                linear(index, "output.dense"),
                norm(layerPrefix(index) + "output.LayerNorm"));
    }

    private BertParameters.Linear linear(int layer, String module) {
        String matMul = "/encoder/layer." + layer + "/" + module.replace('.', '/') + "/MatMul";
        return new BertParameters.Linear(tensor(matMul), tensor(layerPrefix(layer) + module + ".bias"));
    }

    private BertParameters.Norm norm(String module) {
        return new BertParameters.Norm(tensor(module + ".weight"), tensor(module + ".bias"));
    }

    private NDArray tensor(String name) {
        WeightTensor weight = weights.get(name);
        NDArray array = manager.create(weight.data(), new Shape(weight.shape()), DataType.FLOAT32);
        array.setName(name);
        return array;
    }

    private static String layerPrefix(int layer) {
        return "encoder.layer." + layer + ".";
    }
}
