package io.magpie.eval.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Exact dense retrieval: every product scored by the dot product (= cosine for unit vectors), best first. */
public final class ExactRanking {

    private ExactRanking() {}

    /** The ids of the {@code depth} products closest to {@code query}; ties go to the earlier product. */
    public static List<String> top(float[] query, float[][] products, List<String> ids, int depth) {
        // A min-heap of the best so far: (score, index), worst on top.
        PriorityQueue<double[]> best = new PriorityQueue<>(
                depth + 1, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
        for (int i = 0; i < products.length; i++) {
            double score = dot(query, products[i]);
            if (best.size() < depth) {
                best.add(new double[] {score, i});
            } else if (score > best.peek()[0]) {
                best.poll();
                best.add(new double[] {score, i});
            }
        }
        List<double[]> sorted = new ArrayList<>(best);
        sorted.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        return sorted.stream().map(entry -> ids.get((int) entry[1])).toList();
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
