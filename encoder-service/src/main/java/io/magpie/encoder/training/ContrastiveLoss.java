package io.magpie.encoder.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * InfoNCE with in-batch negatives: query i should be closer to its own document i than to every other document of
 * the batch. Logits are cosine similarities divided by the temperature; the loss is the mean cross-entropy of each
 * query's row against its diagonal entry.
 *
 * <p>A pair that shares its query or its document with pair i is not a negative of i (a query with several exact
 * products, a product bought after several queries): those entries are masked out of the softmax, so the model is
 * never pushed away from a right answer.
 */
public final class ContrastiveLoss {

    /** Added to masked logits: far below any cosine / temperature, so softmax gives them exactly 0. */
    private static final float MASKED = -1e4f;

    private static final float NORM_EPS = 1e-12f;

    private ContrastiveLoss() {}

    /**
     * @param queries     [batch, dim] query vectors (normalised here, so cosine is what counts)
     * @param documents   [batch, dim] document vectors, row i the positive of query i
     * @param batch       the pairs, to find shared queries and documents
     * @param temperature divides the similarities
     * @return the scalar loss, in the manager of {@code queries}
     */
    public static NDArray infoNce(NDArray queries, NDArray documents, List<TrainingPair> batch, float temperature) {
        NDManager manager = queries.getManager();
        int n = batch.size();
        NDArray logits = queries.normalize(2, 1, NORM_EPS)
                .matMul(documents.normalize(2, 1, NORM_EPS).transpose())
                .div(temperature);
        float[] mask = falseNegativeMask(batch);
        if (mask != null) {
            logits = logits.add(manager.create(mask, new Shape(n, n)));
        }
        NDArray logProbabilities = logits.logSoftmax(1);
        return logProbabilities.mul(manager.eye(n)).sum().div(-n);
    }

    /** Row-major [n, n] with {@link #MASKED} where j != i shares i's query or document; null when none does. */
    static float[] falseNegativeMask(List<TrainingPair> batch) {
        int n = batch.size();
        float[] mask = null;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j
                        && (batch.get(i).query().equals(batch.get(j).query())
                                || batch.get(i).document().equals(batch.get(j).document()))) {
                    if (mask == null) {
                        mask = new float[n * n];
                    }
                    mask[i * n + j] = MASKED;
                }
            }
        }
        return mask;
    }
}
