package io.magpie.encoder.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The float32 initializers (weights) of an ONNX model, read straight from the protobuf stream.
 *
 * <p>Only the few fields that weights need are decoded: {@code ModelProto.graph} (7), and in the
 * {@code GraphProto} its nodes (1) and initializers (5). Exporters leave some weights without a name of
 * their own (PyTorch calls the transposed linear weights {@code onnx::MatMul_787}); each of those is named
 * after the one node that consumes it, e.g. {@code /encoder/layer.0/attention/self/query/MatMul}.
 * The stream is read once, tensor by tensor, so the file is never held in memory as a whole.
 */
public final class OnnxWeights {

    /** Name prefix the PyTorch exporter gives to initializers that are not module parameters. */
    static final String ANONYMOUS_PREFIX = "onnx::";

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_NAME = 3;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int DATA_TYPE_FLOAT = 1;
    private static final int DATA_LOCATION_EXTERNAL = 1;

    private final Map<String, WeightTensor> tensors;

    private OnnxWeights(Map<String, WeightTensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Reads the float32 initializers of an ONNX model; the caller closes the stream. */
    public static OnnxWeights read(InputStream onnx) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(onnx);
        in.setSizeLimit(Integer.MAX_VALUE);
        GraphContent graph = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == lengthDelimited(MODEL_GRAPH)) {
                int limit = in.pushLimit(in.readRawVarint32());
                graph = readGraph(in);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new IOException("not an ONNX model: no graph");
        }
        return new OnnxWeights(graph.named());
    }

    public WeightTensor get(String name) {
        WeightTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("the model has no weight named '" + name + "'");
        }
        return tensor;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** Weight names in file order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    private static GraphContent readGraph(CodedInputStream in) throws IOException {
        GraphContent graph = new GraphContent();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == lengthDelimited(GRAPH_NODE)) {
                int limit = in.pushLimit(in.readRawVarint32());
                readNode(in, graph);
                in.popLimit(limit);
            } else if (tag == lengthDelimited(GRAPH_INITIALIZER)) {
                int limit = in.pushLimit(in.readRawVarint32());
                WeightTensor tensor = readTensor(in);
                in.popLimit(limit);
                if (tensor != null) {
                    graph.initializers.add(tensor);
                }
            } else {
                in.skipField(tag);
            }
        }
        return graph;
    }

    private static void readNode(CodedInputStream in, GraphContent graph) throws IOException {
        List<String> inputs = new ArrayList<>();
        String name = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == lengthDelimited(NODE_INPUT)) {
                inputs.add(in.readStringRequireUtf8());
            } else if (tag == lengthDelimited(NODE_NAME)) {
                name = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        for (String input : inputs) {
            graph.consumers.computeIfAbsent(input, k -> new LinkedHashSet<>()).add(name);
        }
    }

    /** Returns the tensor, or null when it is not float32 (e.g. the int64 position ids, which we do not need). */
    private static WeightTensor readTensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        FloatCollector floats = new FloatCollector();
        boolean external = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            if (field == TENSOR_DIMS && wireType == WireFormat.WIRETYPE_VARINT) {
                dims.add(in.readInt64());
            } else if (field == TENSOR_DIMS && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    dims.add(in.readInt64());
                }
                in.popLimit(limit);
            } else if (field == TENSOR_DATA_TYPE && wireType == WireFormat.WIRETYPE_VARINT) {
                dataType = in.readInt32();
            } else if (field == TENSOR_FLOAT_DATA && wireType == WireFormat.WIRETYPE_FIXED32) {
                floats.add(in.readFloat());
            } else if (field == TENSOR_FLOAT_DATA && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    floats.add(in.readFloat());
                }
                in.popLimit(limit);
            } else if (field == TENSOR_NAME && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = in.readStringRequireUtf8();
            } else if (field == TENSOR_RAW_DATA && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                raw = in.readRawBytes(in.readRawVarint32());
            } else if (field == TENSOR_DATA_LOCATION && wireType == WireFormat.WIRETYPE_VARINT) {
                external = in.readInt32() == DATA_LOCATION_EXTERNAL;
            } else {
                in.skipField(tag);
            }
        }
        if (dataType != DATA_TYPE_FLOAT) {
            return null;
        }
        if (external) {
            throw new IOException("weight '" + name + "' is stored outside the ONNX file, which is not supported");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        WeightTensor tensor = new WeightTensor(name, shape, raw != null ? fromLittleEndian(raw) : floats.toBuffer());
        long expectedBytes = tensor.elementCount() * Float.BYTES;
        if (tensor.data().capacity() != expectedBytes) {
            throw new IOException("weight " + tensor + " has " + tensor.data().capacity() + " bytes of data, expected "
                    + expectedBytes);
        }
        return tensor;
    }

    /** ONNX stores raw data little-endian; the engine reads memory in native order. */
    private static ByteBuffer fromLittleEndian(byte[] raw) {
        ByteBuffer direct = ByteBuffer.allocateDirect(raw.length).order(ByteOrder.nativeOrder());
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            direct.put(raw);
        } else {
            direct.asFloatBuffer()
                    .put(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
        }
        return direct.rewind();
    }

    /** The tag of a length-delimited field: field number in the high bits, wire type in the low three. */
    private static int lengthDelimited(int field) {
        return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** What the graph holds that naming the weights needs. */
    private static final class GraphContent {
        final List<WeightTensor> initializers = new ArrayList<>();
        final Map<String, Set<String>> consumers = new HashMap<>();

        Map<String, WeightTensor> named() throws IOException {
            Map<String, WeightTensor> byName = new LinkedHashMap<>();
            for (WeightTensor tensor : initializers) {
                String name = tensor.name();
                if (name.startsWith(ANONYMOUS_PREFIX)) {
                    Set<String> users = consumers.getOrDefault(name, Set.of());
                    String consumer = users.size() == 1 ? users.iterator().next() : "";
                    if (consumer.isEmpty()) {
                        throw new IOException("anonymous weight '" + name + "' has " + users.size()
                                + " consumers; it can only be named after exactly one named node");
                    }
                    name = consumer;
                }
                if (byName.putIfAbsent(name, new WeightTensor(name, tensor.shape(), tensor.data())) != null) {
                    throw new IOException("two weights are named '" + name + "'");
                }
            }
            return byName;
        }
    }

    /** Grows a float array for tensors stored as {@code float_data} rather than raw bytes. */
    private static final class FloatCollector {
        private float[] values = new float[0];
        private int size;

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(16, size * 2));
            }
            values[size++] = value;
        }

        ByteBuffer toBuffer() {
            ByteBuffer direct = ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder());
            FloatBuffer view = direct.asFloatBuffer();
            view.put(values, 0, size);
            return direct;
        }
    }
}
