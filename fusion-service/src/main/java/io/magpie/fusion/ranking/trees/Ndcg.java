package io.magpie.fusion.ranking.trees;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** NDCG@k with exponential gain (2^grade - 1), the measure LambdaMART optimises and early stopping watches. */
final class Ndcg {

    private Ndcg() {}

    /** NDCG@k of the order the scores give; ties keep the input order. A group without relevant items scores 0. */
    static double at(int k, float[] scores, float[] labels) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        double dcg = 0;
        for (int r = 0; r < Math.min(k, order.length); r++) {
            dcg += gain(labels[order[r]]) / log2(r + 2);
        }
        float[] ideal = labels.clone();
        Arrays.sort(ideal);
        double idcg = 0;
        for (int r = 0; r < Math.min(k, ideal.length); r++) {
            idcg += gain(ideal[ideal.length - 1 - r]) / log2(r + 2);
        }
        return idcg > 0 ? dcg / idcg : 0;
    }

    private static double gain(float grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
