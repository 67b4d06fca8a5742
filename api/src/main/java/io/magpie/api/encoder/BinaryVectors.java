package io.magpie.api.encoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact form of an {@link EncodeResponse}, for bulk callers that ask for it with
 * {@code Accept: application/octet-stream}: 4 bytes per number instead of about 11 characters of JSON, and no
 * decimal printing and parsing. Little-endian throughout:
 * <pre>
 * "MGV1"                         4 bytes, the format and its version
 * rows, dim                      int32 each
 * truncated count, indexes       int32, then that many int32
 * model, version                 each a uint16 byte length and UTF-8 bytes
 * vectors                        rows x dim float32, row after row
 * </pre>
 */
public final class BinaryVectors {

    public static final String MEDIA_TYPE = "application/octet-stream";
    private static final byte[] MAGIC = "MGV1".getBytes(StandardCharsets.US_ASCII);

    private BinaryVectors() {}

    public static byte[] write(EncodeResponse response) {
        byte[] model = utf8(response.model());
        byte[] version = utf8(response.version());
        int rows = response.vectors().size();
        int dim = response.dim();
        ByteBuffer out = ByteBuffer.allocate(4
                        + 4 * 3
                        + 4 * response.truncated().size()
                        + 2
                        + model.length
                        + 2
                        + version.length
                        + 4 * rows * dim)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(rows).putInt(dim).putInt(response.truncated().size());
        response.truncated().forEach(out::putInt);
        out.putShort((short) model.length)
                .put(model)
                .putShort((short) version.length)
                .put(version);
        for (float[] vector : response.vectors()) {
            if (vector.length != dim) {
                throw new IllegalArgumentException(
                        "vector of " + vector.length + " numbers in a response of dim " + dim);
            }
            out.asFloatBuffer().put(vector);
            out.position(out.position() + 4 * dim);
        }
        return out.array();
    }

    /** @throws IllegalArgumentException when {@code body} is not in this format */
    public static EncodeResponse read(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a MGV1 vector body");
            }
            int rows = in.getInt();
            int dim = in.getInt();
            int truncatedCount = in.getInt();
            if (rows < 0 || dim < 0 || truncatedCount < 0 || truncatedCount > rows) {
                throw new IllegalArgumentException("bad header: rows " + rows + ", dim " + dim);
            }
            List<Integer> truncated = new ArrayList<>(truncatedCount);
            for (int i = 0; i < truncatedCount; i++) {
                truncated.add(in.getInt());
            }
            String model = string(in);
            String version = string(in);
            if (in.remaining() != 4L * rows * dim) {
                throw new IllegalArgumentException(
                        "expected " + rows + " x " + dim + " floats, got " + in.remaining() + " bytes");
            }
            List<float[]> vectors = new ArrayList<>(rows);
            for (int row = 0; row < rows; row++) {
                float[] vector = new float[dim];
                in.asFloatBuffer().get(vector);
                in.position(in.position() + 4 * dim);
                vectors.add(vector);
            }
            return new EncodeResponse(model, version, dim, vectors, truncated);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("vector body cut short", e);
        }
    }

    private static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("name longer than 65535 bytes");
        }
        return bytes;
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
