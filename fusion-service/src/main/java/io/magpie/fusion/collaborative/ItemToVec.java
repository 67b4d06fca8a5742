package io.magpie.fusion.collaborative;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * item2vec: skip-gram with negative sampling over shoppers' item sequences, so that items taken by the same
 * shoppers close together in time get similar vectors. Plain arrays: 4k items and 60k interactions train in a
 * second or two on one core, far below what a DJL engine's start-up and per-step overhead would cost (ADR 0024).
 * Deterministic for a seed (one thread).
 */
public final class ItemToVec {

    /**
     * What training does.
     *
     * @param dimension    vector length
     * @param window       items up to this many positions apart in a sequence are context of each other
     * @param negatives    items drawn per positive pair as negatives (unigram^0.75)
     * @param epochs       passes over all sequences
     * @param learningRate starting rate, decayed linearly to 1/10,000 of it
     * @param seed         random seed (initial vectors, negatives, order)
     */
    public record Parameters(int dimension, int window, int negatives, int epochs, double learningRate, long seed) {}

    private static final double SAMPLING_POWER = 0.75;
    private static final int SAMPLING_TABLE = 1 << 20;

    private final Parameters parameters;

    public ItemToVec(Parameters parameters) {
        this.parameters = parameters;
    }

    /**
     * One unit-length vector per item (indexes 0 to {@code items - 1}), trained on these sequences (item indexes,
     * oldest first). Items that occur in no sequence keep a random vector.
     */
    public float[][] train(List<int[]> sequences, int items) {
        return train(sequences, items, epoch -> {});
    }

    /** As {@link #train(List, int)}; {@code epochDone} hears the number of each epoch as it ends (1 to epochs). */
    public float[][] train(List<int[]> sequences, int items, IntConsumer epochDone) {
        return trainBoth(sequences, items, epochDone)[0];
    }

    /** The item (centre) vectors, unit length, and the context vectors as trained. */
    float[][][] trainBoth(List<int[]> sequences, int items, IntConsumer epochDone) {
        int dim = parameters.dimension();
        SplittableRandom random = new SplittableRandom(parameters.seed());
        float[][] input = new float[items][dim];
        float[][] output = new float[items][dim];
        for (float[] vector : input) {
            for (int d = 0; d < dim; d++) {
                vector[d] = (float) ((random.nextDouble() - 0.5) / dim);
            }
        }
        int[] table = samplingTable(sequences, items);
        long totalSteps = (long) parameters.epochs()
                * sequences.stream().mapToLong(s -> s.length).sum();
        long step = 0;
        float[] gradient = new float[dim];
        int[] order = new int[sequences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < parameters.epochs(); epoch++) {
            shuffle(order, random);
            for (int s : order) {
                int[] sequence = sequences.get(s);
                for (int position = 0; position < sequence.length; position++, step++) {
                    double rate = parameters.learningRate() * Math.max(1e-4, 1 - (double) step / totalSteps);
                    int from = Math.max(0, position - parameters.window());
                    int to = Math.min(sequence.length - 1, position + parameters.window());
                    for (int c = from; c <= to; c++) {
                        if (c != position && sequence[c] != sequence[position]) {
                            update(input[sequence[position]], output, sequence[c], table, random, rate, gradient);
                        }
                    }
                }
            }
            epochDone.accept(epoch + 1);
        }
        for (float[] vector : input) {
            normalise(vector);
        }
        return new float[][][] {input, output};
    }

    /** One positive pair and its negatives: gradient steps on the context vectors, then on the centre vector. */
    private void update(
            float[] centre,
            float[][] output,
            int context,
            int[] table,
            SplittableRandom random,
            double rate,
            float[] gradient) {
        java.util.Arrays.fill(gradient, 0);
        for (int n = 0; n <= parameters.negatives(); n++) {
            int target = n == 0 ? context : table[random.nextInt(table.length)];
            if (n > 0 && target == context) {
                continue;
            }
            float[] other = output[target];
            double dot = 0;
            for (int d = 0; d < centre.length; d++) {
                dot += centre[d] * other[d];
            }
            double g = ((n == 0 ? 1 : 0) - sigmoid(dot)) * rate;
            for (int d = 0; d < centre.length; d++) {
                gradient[d] += (float) (g * other[d]);
                other[d] += (float) (g * centre[d]);
            }
        }
        for (int d = 0; d < centre.length; d++) {
            centre[d] += gradient[d];
        }
    }

    /** Items drawn in proportion to their count to the power 0.75, as word2vec does. */
    private static int[] samplingTable(List<int[]> sequences, int items) {
        double[] weight = new double[items];
        for (int[] sequence : sequences) {
            for (int item : sequence) {
                weight[item]++;
            }
        }
        double total = 0;
        for (int i = 0; i < items; i++) {
            weight[i] = Math.pow(weight[i], SAMPLING_POWER);
            total += weight[i];
        }
        int[] table = new int[SAMPLING_TABLE];
        int item = 0;
        double cumulative = weight[0] / total;
        for (int t = 0; t < table.length; t++) {
            while ((t + 0.5) / table.length > cumulative && item < items - 1) {
                item++;
                cumulative += weight[item] / total;
            }
            table[t] = item;
        }
        return table;
    }

    private static double sigmoid(double x) {
        return x > 20 ? 1 : x < -20 ? 0 : 1 / (1 + Math.exp(-x));
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private static void normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int d = 0; d < vector.length; d++) {
                vector[d] /= (float) norm;
            }
        }
    }
}
