package io.magpie.fusion.ranking;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/** NDCG@k with log2 discounts, the measure both learned rankers' early stopping watches. */
public final class Ndcg {

    private Ndcg() {}

    /**
     * NDCG@k of ranking by {@code scores} (descending; ties keep input order) with the gains used as given, or NaN
     * when no candidate has a positive gain (the ideal ranking scores 0: the query says nothing).
     */
    public static double at(int k, float[] scores, float[] gains) {
        return at(k, scores, gains, gain -> gain);
    }

    /**
     * NDCG@k with exponential gain (2^grade - 1), the measure LambdaMART optimises; a group without relevant items
     * scores 0.
     */
    public static double ofGrades(int k, float[] scores, float[] grades) {
        double ndcg = at(k, scores, grades, grade -> Math.pow(2, grade) - 1);
        return Double.isNaN(ndcg) ? 0 : ndcg;
    }

    private static double at(int k, float[] scores, float[] labels, DoubleUnaryOperator gain) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        float[] ideal = labels.clone();
        Arrays.sort(ideal);
        double dcg = 0;
        double idealDcg = 0;
        for (int r = 0; r < Math.min(k, scores.length); r++) {
            double discount = 1 / (Math.log(r + 2) / Math.log(2));
            dcg += gain.applyAsDouble(labels[order[r]]) * discount;
            idealDcg += gain.applyAsDouble(ideal[ideal.length - 1 - r]) * discount;
        }
        return idealDcg > 0 ? dcg / idealDcg : Double.NaN;
    }
}
