package io.magpie.encoder.model.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.encoder.model.WeightTensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}}, then the raw little-endian
 * tensor data. Reads F32, F16 and BF16 (widened to float32); writes F32.
 */
public final class SafeTensors {

    /** A header larger than this is not a weights file but a mistake (or an attack). */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {}

    /**
     * Reads every tensor as float32 into direct native-order buffers, in header order.
     *
     * @throws IOException when the file is not safetensors or holds a dtype other than F32, F16, BF16
     */
    public static Map<String, WeightTensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
                throw new IOException(file + " is not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            JsonNode header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            if (header == null || !header.isObject()) {
                throw new IOException(file + ": the safetensors header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            Map<String, WeightTensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getKey().equals(METADATA)) {
                    tensors.put(
                            entry.getKey(),
                            readTensor(channel, file, entry.getKey(), entry.getValue(), dataStart, size));
                }
            }
            return tensors;
        }
    }

    /** Writes the tensors (float32, in map order) with optional string metadata. */
    public static void write(Path file, Map<String, WeightTensor> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (WeightTensor tensor : tensors.values()) {
            long bytes = tensor.elementCount() * Float.BYTES;
            if (tensor.data().capacity() != bytes) {
                throw new IllegalArgumentException(
                        tensor + " has " + tensor.data().capacity() + " bytes of data, its shape needs " + bytes);
            }
            ObjectNode entry = header.putObject(tensor.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerJson = JSON.writeValueAsBytes(header);
        // The format asks for the data to start 8-byte aligned: pad the header with spaces.
        int padding = (8 - headerJson.length % 8) % 8;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer length =
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerJson.length + padding);
            out.write(length.array());
            out.write(headerJson);
            out.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 16];
            for (WeightTensor tensor : tensors.values()) {
                ByteBuffer data =
                        tensor.data().duplicate().order(tensor.data().order()).rewind();
                ByteBuffer little = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
                while (data.hasRemaining()) {
                    little.clear();
                    while (little.hasRemaining() && data.hasRemaining()) {
                        little.putFloat(data.getFloat());
                    }
                    out.write(chunk, 0, little.position());
                }
            }
        }
    }

    private static WeightTensor readTensor(
            FileChannel channel, Path file, String name, JsonNode entry, long dataStart, long fileSize)
            throws IOException {
        String dtype = entry.path("dtype").asText();
        JsonNode offsets = entry.path("data_offsets");
        List<Long> dims = new ArrayList<>();
        entry.path("shape").forEach(dim -> dims.add(dim.asLong()));
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default ->
                throw new IOException(
                        file + ": tensor '" + name + "' has dtype " + dtype + "; only F32, F16 and BF16 are read");
        };
        if (!offsets.isArray() || offsets.size() != 2) {
            throw new IOException(file + ": tensor '" + name + "' has no data_offsets [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (end - begin != count * width || begin < 0 || dataStart + end > fileSize) {
            throw new IOException(file + ": tensor '" + name + "' data_offsets " + offsets + " do not fit its shape "
                    + dims + " and dtype " + dtype);
        }
        ByteBuffer raw = ByteBuffer.allocateDirect((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, raw, dataStart + begin);
        raw.flip();
        ByteBuffer floats;
        if (width == 4 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            floats = raw.order(ByteOrder.nativeOrder());
        } else {
            floats = ByteBuffer.allocateDirect((int) (count * Float.BYTES)).order(ByteOrder.nativeOrder());
            for (long i = 0; i < count; i++) {
                floats.putFloat(
                        switch (dtype) {
                            case "F32" -> raw.getFloat();
                            case "F16" -> halfToFloat(raw.getShort());
                            default -> Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
                        });
            }
            floats.flip();
        }
        return new WeightTensor(name, shape, floats);
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24.
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }
}
