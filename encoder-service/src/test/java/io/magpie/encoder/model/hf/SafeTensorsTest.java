package io.magpie.encoder.model.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.encoder.model.WeightTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsFloat32TensorsInOrder() throws IOException {
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        tensors.put("b.weight", tensor("b.weight", new long[] {2, 3}, 1, -2, 3.5f, 0, 1e-7f, -0f));
        tensors.put("a.bias", tensor("a.bias", new long[] {1}, 42));
        Path file = dir.resolve("model.safetensors");

        SafeTensors.write(file, tensors, Map.of("format", "pt"));
        Map<String, WeightTensor> read = SafeTensors.read(file);

        assertEquals(List.of("b.weight", "a.bias"), List.copyOf(read.keySet()));
        assertArrayEquals(new long[] {2, 3}, read.get("b.weight").shape());
        assertArrayEquals(new float[] {1, -2, 3.5f, 0, 1e-7f, -0f}, floats(read.get("b.weight")));
        assertArrayEquals(new float[] {42}, floats(read.get("a.bias")));
        // The format: 8-byte little-endian header length, data 8-byte aligned after it.
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong(0);
        assertEquals(0, (8 + headerLength) % 8);
        assertEquals(8 + headerLength + 7 * 4, bytes.capacity());
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"__metadata__\":{\"format\":\"pt\"}"), header);
        assertEquals(42f, bytes.getFloat((int) (8 + headerLength + 6 * 4)));
    }

    @Test
    void readsHalfAndBfloat16AsFloat32() throws IOException {
        // 1.5 and -2 in F16 (0x3E00, 0xC000), 65504 (max) and a subnormal (0x0001 = 2^-24);
        // 1.5 and -2 in BF16 (0x3FC0, 0xC000).
        Path file = rawFile(
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}}",
                new short[] {0x3E00, (short) 0xC000, 0x7BFF, 0x0001, 0x3FC0, (short) 0xC000});

        Map<String, WeightTensor> read = SafeTensors.read(file);

        assertArrayEquals(new float[] {1.5f, -2f, 65504f, 0x1p-24f}, floats(read.get("h")));
        assertArrayEquals(new float[] {1.5f, -2f}, floats(read.get("b")));
    }

    @Test
    void refusesOtherDtypesNamingTheTensor() throws IOException {
        Path file =
                rawFile("{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new short[] {1, 0, 0, 0});

        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("ids") && e.getMessage().contains("I64"), e.getMessage());
    }

    @Test
    void refusesOffsetsThatDoNotMatchTheShape() throws IOException {
        Path file =
                rawFile("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new short[] {0, 0, 0, 0});

        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotSafetensors() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "this is not a weights file at all");

        assertThrows(IOException.class, () -> SafeTensors.read(file));
    }

    private Path rawFile(String header, short[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes =
                ByteBuffer.allocate(8 + json.length + data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        for (short value : data) {
            bytes.putShort(value);
        }
        Path file = dir.resolve("raw.safetensors");
        Files.write(file, bytes.array());
        return file;
    }

    private static WeightTensor tensor(String name, long[] shape, float... values) {
        ByteBuffer data = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder());
        data.asFloatBuffer().put(values);
        return new WeightTensor(name, shape, data);
    }

    private static float[] floats(WeightTensor tensor) {
        float[] values = new float[(int) tensor.elementCount()];
        tensor.data()
                .duplicate()
                .order(tensor.data().order())
                .rewind()
                .asFloatBuffer()
                .get(values);
        return values;
    }
}
