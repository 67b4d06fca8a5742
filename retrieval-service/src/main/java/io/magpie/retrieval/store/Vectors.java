package io.magpie.retrieval.store;

import java.util.List;

/** Vectors as Milvus query results carry them (a list of numbers) and as searches take them (float arrays). */
final class Vectors {

    private Vectors() {}

    static float[] toArray(Object field) {
        if (!(field instanceof List<?> values)) {
            throw new IllegalStateException("expected a vector, got " + (field == null ? "null" : field.getClass()));
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = ((Number) values.get(i)).floatValue();
        }
        return vector;
    }

    /** The element-wise mean: a history's centre. */
    static float[] mean(List<float[]> vectors) {
        float[] mean = new float[vectors.get(0).length];
        for (float[] vector : vectors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += vector[i] / vectors.size();
            }
        }
        return mean;
    }
}
