package io.magpie.fusion.ranking.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Glorot-normal weights drawn from a Java {@link Random} with its own seed, so that a model's initial weights
 * depend on the seed only, not on the engine's global random state that other code in the process also draws from.
 * The last two dimensions are fan-in and fan-out; leading ones (one matrix per source) are independent matrices.
 */
final class SeededGlorotInitializer implements Initializer {

    private final long seed;

    SeededGlorotInitializer(long seed) {
        this.seed = seed;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        int dims = shape.dimension();
        long fanIn = dims >= 2 ? shape.get(dims - 2) : 1;
        long fanOut = shape.get(dims - 1);
        double deviation = Math.sqrt(2.0 / (fanIn + fanOut));
        Random random = new Random(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * deviation);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
