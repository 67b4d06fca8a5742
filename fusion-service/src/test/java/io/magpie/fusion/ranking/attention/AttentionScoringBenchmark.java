package io.magpie.fusion.ranking.attention;

import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Latency of scoring one request's candidates (validation, tensors, one forward pass, scores and attention weights
 * back in Java) at 100 / 300 / 1,000 candidates. Prints p50 / p99 / max; asserts nothing about time. Run it alone:
 * <pre>
 * ./mvnw -B -pl fusion-service verify -Dtest=AttentionScoringBenchmark -Dmagpie.bench=true \
 *     [-Dmagpie.bench.threads=1] [-Dmagpie.bench.iterations=2000]
 * </pre>
 * Scoring runs on this one thread with PyTorch's intra-op threads at 1 (the model's default, {@link IntraOpThreads})
 * unless {@code magpie.bench.threads} says otherwise. The model has the default sizes and random weights (a forward
 * pass costs the same trained or not); the shape is
 * what the feature schema is expected to give: 5 sources x 6 features, 12 item and 8 context features.
 */
class AttentionScoringBenchmark {

    private static final AttentionShape SHAPE = new AttentionShape(5, 6, 12, 8);
    private static final int[] CANDIDATES = {100, 300, 1000};
    /** CPU time separates the work from waiting for a core on a busy machine (with one intra-op thread all the
     *  work is on the calling thread). */
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    @Test
    void scoringLatency() {
        Assumptions.assumeTrue(Boolean.getBoolean("magpie.bench"), "run with -Dmagpie.bench=true");
        int iterations = Integer.getInteger("magpie.bench.iterations", 2000);
        Integer threads = Integer.getInteger("magpie.bench.threads");
        try (AttentionFusionModel model = AttentionFusionModel.untrained(
                SHAPE,
                new FeatureSchemaId("bench", "1"),
                AttentionHyperParameters.defaults(),
                InputStandardisation.identity(SHAPE))) {
            if (threads != null) {
                IntraOpThreads.set(threads);
            }
            IntraOpThreads.ensure();
            System.out.printf(
                    "attention scoring: shape %s, sizes %s, PyTorch intra-op threads %d, %d processors,"
                            + " load average %.1f%n",
                    SHAPE,
                    AttentionHyperParameters.defaults(),
                    JniUtils.getNumThreads(),
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            Random random = new Random(11);
            for (int n : CANDIDATES) {
                AttentionInput input = randomInput(random, n);
                for (int i = 0; i < Math.max(200, iterations / 5); i++) {
                    model.score(input);
                }
                long[] nanos = new long[iterations];
                long[] cpuNanos = new long[iterations];
                for (int i = 0; i < iterations; i++) {
                    long cpuStart = CPU.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    model.score(input);
                    nanos[i] = System.nanoTime() - start;
                    cpuNanos[i] = CPU.getCurrentThreadCpuTime() - cpuStart;
                }
                Arrays.sort(nanos);
                Arrays.sort(cpuNanos);
                System.out.printf(
                        "attention scoring: %5d candidates, %d calls: wall p50 %.3f ms, p99 %.3f ms, max %.3f"
                                + " ms; CPU time of the calling thread p50 %.3f ms, p99 %.3f ms%n",
                        n,
                        iterations,
                        percentile(nanos, 0.50),
                        percentile(nanos, 0.99),
                        nanos[nanos.length - 1] / 1e6,
                        percentile(cpuNanos, 0.50),
                        percentile(cpuNanos, 0.99));
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static AttentionInput randomInput(Random random, int n) {
        float[][][] sources = new float[n][SHAPE.sources()][SHAPE.perSource()];
        boolean[][] present = new boolean[n][SHAPE.sources()];
        float[][] items = new float[n][SHAPE.items()];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < SHAPE.sources(); s++) {
                present[i][s] = random.nextDouble() < 0.6;
                for (int f = 0; f < SHAPE.perSource(); f++) {
                    sources[i][s][f] = (float) random.nextGaussian();
                }
            }
            for (int f = 0; f < SHAPE.items(); f++) {
                items[i][f] = (float) random.nextGaussian();
            }
        }
        float[] context = new float[SHAPE.context()];
        for (int f = 0; f < context.length; f++) {
            context[f] = (float) random.nextGaussian();
        }
        return new AttentionInput(sources, present, items, context);
    }
}
