package io.magpie.fusion.ranking.attention;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** NDCG@k with the labels' gains used as given (ESCI: 1.0 / 0.1 / 0.01 / 0) and log2 discounts. */
final class Ndcg {

    private Ndcg() {}

    /**
     * NDCG@k of ranking by {@code scores} (descending; ties keep input order), or NaN when no candidate has a
     * positive gain (the ideal ranking scores 0: the query says nothing).
     */
    static double at(int k, float[] scores, float[] gains) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        float[] ideal = gains.clone();
        Arrays.sort(ideal);
        double dcg = 0;
        double idealDcg = 0;
        for (int r = 0; r < Math.min(k, scores.length); r++) {
            double discount = 1 / (Math.log(r + 2) / Math.log(2));
            dcg += gains[order[r]] * discount;
            idealDcg += ideal[ideal.length - 1 - r] * discount;
        }
        return idealDcg > 0 ? dcg / idealDcg : Double.NaN;
    }
}
