package io.magpie.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Percentile bootstrap over queries: the confidence interval of a mean is the central {@code confidence} share of
 * the means of {@code resamples} samples drawn with replacement from the per-query values (quantiles interpolated
 * linearly between order statistics). A paired comparison resamples queries and takes the mean of the per-query
 * differences, so both strategies always see the same queries.
 *
 * <p>Every interval starts from a fresh {@link Random} with the same seed ({@code java.util.Random}'s sequence is
 * fixed by its specification), so a report gives the same intervals for the same per-query values on any JVM.
 */
public final class Bootstrap {

    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final long DEFAULT_SEED = 20_220_701L;
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Per-query differences at most this far from 0 are ties (floating-point noise, not a change). */
    public static final double TIE_TOLERANCE = 1e-9;

    private final int resamples;
    private final long seed;
    private final double confidence;

    public Bootstrap(int resamples, long seed, double confidence) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, was " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        this.resamples = resamples;
        this.seed = seed;
        this.confidence = confidence;
    }

    /** 10,000 resamples, 95 %, the fixed default seed. */
    public static Bootstrap standard() {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_CONFIDENCE);
    }

    public int resamples() {
        return resamples;
    }

    public long seed() {
        return seed;
    }

    public double confidence() {
        return confidence;
    }

    /** A mean with its confidence interval, over n values. */
    public record Estimate(double mean, double lower, double upper, int n) {}

    /** The mean of {@code values} with its percentile-bootstrap interval. */
    public Estimate mean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to average");
        }
        int n = values.length;
        double[] means = new double[resamples];
        Random random = new Random(seed);
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double alpha = (1 - confidence) / 2;
        return new Estimate(average(values), quantile(means, alpha), quantile(means, 1 - alpha), n);
    }

    /** One query's values under the two strategies. */
    public record Change(String id, double a, double b, double difference) {}

    /**
     * A paired comparison of strategy A against B.
     *
     * @param meanA       mean of A
     * @param meanB       mean of B
     * @param difference  mean of A - B per query, with its paired-bootstrap interval
     * @param wins        queries where A is higher
     * @param losses      queries where A is lower
     * @param ties        queries where both are equal (within {@link #TIE_TOLERANCE})
     * @param mostChanged the queries with the largest |A - B|, largest first (ties by id)
     */
    public record Comparison(
            double meanA,
            double meanB,
            Estimate difference,
            int wins,
            int losses,
            int ties,
            List<Change> mostChanged) {}

    /**
     * Compares A and B over the same queries: {@code ids[i]}, {@code a[i]} and {@code b[i]} belong to one query.
     *
     * @param top how many of the most changed queries to keep
     */
    public Comparison paired(List<String> ids, double[] a, double[] b, int top) {
        if (ids.size() != a.length || a.length != b.length) {
            throw new IllegalArgumentException(
                    "ids, a and b must have one entry per query: " + ids.size() + ", " + a.length + ", " + b.length);
        }
        double[] differences = new double[a.length];
        int wins = 0;
        int losses = 0;
        int ties = 0;
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            differences[i] = a[i] - b[i];
            if (Math.abs(differences[i]) <= TIE_TOLERANCE) {
                ties++;
            } else {
                if (differences[i] > 0) {
                    wins++;
                } else {
                    losses++;
                }
                changes.add(new Change(ids.get(i), a[i], b[i], differences[i]));
            }
        }
        changes.sort(Comparator.comparingDouble((Change c) -> -Math.abs(c.difference()))
                .thenComparing(Change::id));
        return new Comparison(
                average(a),
                average(b),
                mean(differences),
                wins,
                losses,
                ties,
                List.copyOf(changes.subList(0, Math.min(top, changes.size()))));
    }

    /** Linear interpolation between order statistics (Hyndman and Fan's type 7) of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int low = (int) Math.floor(h);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    private static double average(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
