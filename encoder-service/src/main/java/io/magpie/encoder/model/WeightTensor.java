package io.magpie.encoder.model;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One float32 weight of a model file.
 *
 * @param name  its name (for anonymous ONNX initializers, the name of the node that consumes it)
 * @param shape its dimensions, outermost first
 * @param data  its values, row-major, in a direct buffer of native byte order so that the engine can
 *              use the memory as it is instead of copying it
 */
public record WeightTensor(String name, long[] shape, ByteBuffer data) {

    public long elementCount() {
        return Arrays.stream(shape).reduce(1L, Math::multiplyExact);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
