package io.magpie.fusion.ranking.attention;

import java.util.Arrays;
import java.util.List;

/**
 * Per-feature mean and scale that bring the inputs to a common scale before the model reads them (raw BM25 scores,
 * log counts and 0/1 flags otherwise differ by orders of magnitude and AdamW's step is the same for all). Fitted on
 * the training queries, stored with the model as non-trainable parameters, so serving standardises identically.
 * Arrays are flat, row-major: {@code sourceMean[s * perSource + f]}.
 */
public record InputStandardisation(
        float[] sourceMean,
        float[] sourceScale,
        float[] itemMean,
        float[] itemScale,
        float[] contextMean,
        float[] contextScale) {

    /** Scales below this are treated as constant features and left unscaled. */
    private static final double CONSTANT = 1e-6;

    /** Leaves every feature as it is. */
    public static InputStandardisation identity(AttentionShape shape) {
        int sources = shape.sources() * shape.perSource();
        return new InputStandardisation(
                new float[sources],
                ones(sources),
                new float[shape.items()],
                ones(shape.items()),
                new float[shape.context()],
                ones(shape.context()));
    }

    /**
     * Mean and standard deviation of each feature: source features over the candidates where that source is
     * present (absent ones carry no value), item features over all candidates, context features over requests.
     */
    public static InputStandardisation fit(AttentionShape shape, List<AttentionInput> requests) {
        int perSource = shape.perSource();
        Moments sources = new Moments(shape.sources() * perSource);
        Moments items = new Moments(shape.items());
        Moments context = new Moments(shape.context());
        for (AttentionInput request : requests) {
            for (int i = 0; i < request.size(); i++) {
                for (int s = 0; s < shape.sources(); s++) {
                    if (request.present()[i][s]) {
                        sources.add(s * perSource, request.sources()[i][s]);
                    }
                }
                items.add(0, request.items()[i]);
            }
            context.add(0, request.context());
        }
        return new InputStandardisation(
                sources.means(), sources.scales(), items.means(), items.scales(), context.means(), context.scales());
    }

    private static float[] ones(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 1f);
        return values;
    }

    /** Running sums per feature. */
    private static final class Moments {
        private final double[] sum;
        private final double[] sumOfSquares;
        private final long[] count;

        Moments(int features) {
            sum = new double[features];
            sumOfSquares = new double[features];
            count = new long[features];
        }

        void add(int offset, float[] values) {
            for (int f = 0; f < values.length; f++) {
                sum[offset + f] += values[f];
                sumOfSquares[offset + f] += (double) values[f] * values[f];
                count[offset + f]++;
            }
        }

        float[] means() {
            float[] means = new float[sum.length];
            for (int f = 0; f < sum.length; f++) {
                means[f] = count[f] == 0 ? 0f : (float) (sum[f] / count[f]);
            }
            return means;
        }

        float[] scales() {
            float[] scales = new float[sum.length];
            for (int f = 0; f < sum.length; f++) {
                double mean = count[f] == 0 ? 0 : sum[f] / count[f];
                double variance = count[f] == 0 ? 0 : Math.max(0, sumOfSquares[f] / count[f] - mean * mean);
                double deviation = Math.sqrt(variance);
                scales[f] = deviation < CONSTANT ? 1f : (float) deviation;
            }
            return scales;
        }
    }
}
