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

    /** The weighted element-wise mean: a history's centre with recent items counting more. */
    static float[] weightedMean(List<float[]> vectors, List<Double> weights) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        float[] mean = new float[vectors.get(0).length];
        for (int v = 0; v < vectors.size(); v++) {
            float share = (float) (weights.get(v) / total);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += vectors.get(v)[i] * share;
            }
        }
        return mean;
    }
}
