package io.magpie.api.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryVectorsTest {

    private static final EncodeResponse RESPONSE = new EncodeResponse(
            "bge-small-en",
            "2026-12-03.1",
            3,
            List.of(new float[] {0.5f, -0.25f, Float.MIN_VALUE}, new float[] {1f, 0f, -1e-30f}),
            List.of(1));

    @Test
    void readsBackWhatItWrote() {
        EncodeResponse back = BinaryVectors.read(BinaryVectors.write(RESPONSE));

        assertEquals("bge-small-en", back.model());
        assertEquals("2026-12-03.1", back.version());
        assertEquals(3, back.dim());
        assertEquals(List.of(1), back.truncated());
        assertEquals(2, back.vectors().size());
        assertArrayEquals(RESPONSE.vectors().get(0), back.vectors().get(0));
        assertArrayEquals(RESPONSE.vectors().get(1), back.vectors().get(1));
    }

    @Test
    void vectorsAreLittleEndianFloat32RowsAtTheEnd() {
        byte[] body = BinaryVectors.write(RESPONSE);

        ByteBuffer tail = ByteBuffer.wrap(body, body.length - 6 * 4, 6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0.5f, tail.getFloat());
        assertEquals(-0.25f, tail.getFloat());
        assertEquals("MGV1", new String(body, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(
                2, ByteBuffer.wrap(body, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void refusesBodiesInAnotherFormatOrCutShort() {
        byte[] body = BinaryVectors.write(RESPONSE);

        assertThrows(IllegalArgumentException.class, () -> BinaryVectors.read("{\"vectors\":[]}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> BinaryVectors.read(Arrays.copyOf(body, body.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> BinaryVectors.read(Arrays.copyOf(body, 10)));
    }

    @Test
    void refusesAVectorOfTheWrongLength() {
        EncodeResponse wrong = new EncodeResponse("m", "1", 3, List.of(new float[2]), List.of());

        assertThrows(IllegalArgumentException.class, () -> BinaryVectors.write(wrong));
    }
}
