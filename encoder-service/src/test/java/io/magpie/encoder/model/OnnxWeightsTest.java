package io.magpie.encoder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxWeightsTest {

    private static OnnxWeights miniLm;

    @BeforeAll
    static void readMiniLm() throws IOException {
        try (InputStream in = OnnxWeightsTest.class
                .getClassLoader()
                .getResourceAsStream(ModelSpec.ALL_MINILM_L6_V2.weightsResource())) {
            miniLm = OnnxWeights.read(in);
        }
    }

    @Test
    void findsTheSixLayersOfMiniLm() {
        assertEquals(6, OnnxBertLoader.layerCount(miniLm));
        for (int layer = 0; layer < 6; layer++) {
            String path = "/encoder/layer." + layer + "/";
            for (String projection : new String[] {"query", "key", "value"}) {
                assertShape(miniLm, path + "attention/self/" + projection + "/MatMul", 384, 384);
                assertShape(miniLm, "encoder.layer." + layer + ".attention.self." + projection + ".bias", 384);
            }
            assertShape(miniLm, path + "attention/output/dense/MatMul", 384, 384);
            assertShape(miniLm, path + "intermediate/dense/MatMul", 384, 1536);
            assertShape(miniLm, path + "output/dense/MatMul", 1536, 384);
            assertShape(miniLm, "encoder.layer." + layer + ".output.LayerNorm.weight", 384);
        }
        assertFalse(miniLm.contains("encoder.layer.6.attention.self.query.bias"));
    }

    @Test
    void readsTheEmbeddingTables() {
        assertShape(miniLm, "embeddings.word_embeddings.weight", 30522, 384);
        assertShape(miniLm, "embeddings.position_embeddings.weight", 512, 384);
        assertShape(miniLm, "embeddings.token_type_embeddings.weight", 2, 384);
        assertShape(miniLm, "embeddings.LayerNorm.weight", 384);
    }

    @Test
    void namesEveryAnonymousWeightAndSkipsNonFloatTensors() {
        assertTrue(
                miniLm.names().stream().noneMatch(n -> n.startsWith(OnnxWeights.ANONYMOUS_PREFIX)),
                miniLm.names()::toString);
        // 5 embedding tensors, 16 per layer (6 linear weights, 6 biases, 2 LayerNorms); the int64 position ids are
        // skipped.
        assertEquals(5 + 6 * 16, miniLm.names().size());
        assertFalse(miniLm.contains("embeddings.position_ids"));
    }

    @Test
    void keepsDataInDirectNativeOrderBuffers() {
        WeightTensor words = miniLm.get("embeddings.word_embeddings.weight");
        assertTrue(words.data().isDirect());
        assertEquals(ByteOrder.nativeOrder(), words.data().order());
        assertEquals(30522L * 384 * Float.BYTES, words.data().capacity());
        // A LayerNorm scale holds values near 1, which raw bytes read in the wrong order would not.
        float gamma = miniLm.get("embeddings.LayerNorm.weight").data().getFloat(0);
        assertTrue(gamma > 0.1f && gamma < 10f, "gamma[0] = " + gamma);
    }

    @Test
    void readsFloatDataAndNamesAnonymousWeightsAfterTheirConsumer() throws IOException {
        byte[] model = model(
                node("/dense/MatMul", "x", "onnx::MatMul_7"),
                node("/dense/Add", "/dense/MatMul_output_0", "dense.bias"),
                floatDataTensor("onnx::MatMul_7", new long[] {2, 1}, 1.5f, -2f),
                floatDataTensor("dense.bias", new long[] {1}, 0.25f));

        OnnxWeights weights = OnnxWeights.read(new ByteArrayInputStream(model));

        assertEquals(java.util.List.of("/dense/MatMul", "dense.bias"), java.util.List.copyOf(weights.names()));
        WeightTensor matMul = weights.get("/dense/MatMul");
        assertArrayEquals(new long[] {2, 1}, matMul.shape());
        assertEquals(1.5f, matMul.data().getFloat(0));
        assertEquals(-2f, matMul.data().getFloat(4));
        assertEquals(0.25f, weights.get("dense.bias").data().getFloat(0));
    }

    @Test
    void refusesAnAnonymousWeightWithTwoConsumers() {
        byte[] model = model(
                node("/a/MatMul", "x", "onnx::MatMul_7"),
                node("/b/MatMul", "x", "onnx::MatMul_7"),
                floatDataTensor("onnx::MatMul_7", new long[] {1}, 1f));

        IOException e = assertThrows(IOException.class, () -> OnnxWeights.read(new ByteArrayInputStream(model)));
        assertTrue(e.getMessage().contains("onnx::MatMul_7"), e.getMessage());
    }

    @Test
    void refusesAStreamWithoutGraph() {
        assertThrows(IOException.class, () -> OnnxWeights.read(new ByteArrayInputStream(new byte[0])));
    }

    private static void assertShape(OnnxWeights weights, String name, long... shape) {
        assertArrayEquals(shape, weights.get(name).shape(), name);
    }

    // Minimal ONNX encoder for synthetic models: ModelProto.graph = 7, GraphProto.node = 1, .initializer = 5.

    private static byte[] model(byte[]... graphEntries) {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        for (byte[] entry : graphEntries) {
            graph.writeBytes(entry);
        }
        return message(out -> {
            out.writeInt64(1, 8); // ir_version, to be skipped
            out.writeByteArray(7, graph.toByteArray());
        });
    }

    private static byte[] node(String name, String... inputs) {
        return message(out -> out.writeByteArray(1, message(node -> {
            for (String input : inputs) {
                node.writeString(1, input);
            }
            node.writeString(2, name + "_output_0");
            node.writeString(3, name);
            node.writeString(4, "MatMul");
        })));
    }

    private static byte[] floatDataTensor(String name, long[] dims, float... values) {
        return message(out -> out.writeByteArray(5, message(tensor -> {
            for (long dim : dims) {
                tensor.writeInt64(1, dim);
            }
            tensor.writeInt32(2, 1);
            tensor.writeTag(4, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            tensor.writeUInt32NoTag(values.length * Float.BYTES);
            for (float value : values) {
                tensor.writeFloatNoTag(value);
            }
            tensor.writeString(8, name);
        })));
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
