package io.magpie.fusion.collaborative;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.magpie.fusion.ranking.attention.IntraOpThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * A next-item model on DJL's PyTorch engine: one item embedding table, tied on both sides as in SASRec, and a user
 * state that serving reproduces from the item vectors alone: the recency-weighted mean of the last
 * {@code historyLength} items (the i-th most recent weighs {@code recencyDecay^i}), which is what retrieval-service
 * computes at request time (ADR 0016). Vectors and user state are unit length, so the score is a cosine.
 *
 * <p>Trained on predicting each next item of the shoppers' sequences with a sampled softmax: the batch's own targets
 * and {@code sampledNegatives} items drawn by popularity are the candidates, each logit corrected by the log of its
 * sampling probability (logQ), accidental hits masked. AdamW; early stopping on HR@10 (ties broken by NDCG@10, which
 * tells epochs apart once every target is in the top 10, as on a small catalogue) of the held-out last item of every
 * sequence of three or more items (ranked against all items, the history left out), then trained again from the
 * start on whole sequences for the best number of epochs. The same sequences, parameters and seed give the same
 * vectors (one intra-op thread).
 *
 * <p>DJL's PyTorch gradient collector is one per process at a time: run one training at a time.
 */
public final class NextItemModel {

    /**
     * What training does.
     *
     * @param dimension        vector length
     * @param historyLength    items of the user state (the most recent ones); serving must send as many
     * @param recencyDecay     weight ratio of each item to the next more recent one; serving must use the same
     * @param sampledNegatives items drawn by popularity per batch, beside the batch's targets
     * @param batchSize        next-item predictions per step
     * @param maxEpochs        passes over the sequences at most while looking for the best epoch
     * @param patience         epochs without a better HR@10 before stopping
     * @param learningRate     AdamW's rate
     * @param weightDecay      AdamW's decoupled weight decay
     * @param temperature      cosines are divided by it before the softmax
     * @param seed             random seed (initial vectors, order, negatives)
     */
    public record Parameters(
            int dimension,
            int historyLength,
            double recencyDecay,
            int sampledNegatives,
            int batchSize,
            int maxEpochs,
            int patience,
            double learningRate,
            double weightDecay,
            double temperature,
            long seed) {}

    /**
     * The trained vectors (unit length, one per item) and how the training went.
     *
     * @param vectors   one row per item index
     * @param bestEpoch the epoch count kept (HR@10 was highest after it); whole sequences were trained that long
     * @param hitRates  held-out HR@10 after each epoch of the search
     */
    public record Trained(float[][] vectors, int bestEpoch, List<Double> hitRates) {}

    private static final int HIT_AT = 10;
    private static final int SCORING_BATCH = 256;
    /** Added to a masked logit: an accidental hit (a candidate equal to the row's target) gets no probability. */
    private static final float MASKED = -1e9f;

    private final Parameters parameters;

    public NextItemModel(Parameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Trains on these sequences (item indexes, oldest first) over items {@code 0 .. items - 1}; {@code epochDone}
     * hears every epoch (search and final training) as {@code (epoch, epochs)}, the total known once the search ends.
     */
    public Trained train(List<int[]> sequences, int items, EpochListener epochDone) {
        IntraOpThreads.ensure();
        List<int[]> shortened = new ArrayList<>();
        List<int[]> heldOut = new ArrayList<>();
        for (int[] sequence : sequences) {
            if (sequence.length >= 3) {
                shortened.add(Arrays.copyOf(sequence, sequence.length - 1));
                heldOut.add(sequence);
            } else {
                shortened.add(sequence);
            }
        }
        List<Double> hitRates = new ArrayList<>();
        int bestEpoch = 0;
        double best = Double.NEGATIVE_INFINITY;
        int epoch = 0;
        try (Run search = new Run(shortened, items)) {
            while (epoch < parameters.maxEpochs() && epoch - bestEpoch < parameters.patience()) {
                epoch++;
                search.epoch(epoch);
                double[] heldOutMetrics = heldOut.isEmpty() ? new double[2] : search.hitRateAndNdcg(heldOut);
                hitRates.add(heldOutMetrics[0]);
                // HR@10 first; NDCG@10 (below 1) only separates equal hit rates
                double score = heldOutMetrics[0] * heldOut.size() + heldOutMetrics[1];
                if (score > best) {
                    best = score;
                    bestEpoch = epoch;
                }
                epochDone.epoch(epoch, parameters.maxEpochs());
            }
        }
        int searched = epoch;
        try (Run whole = new Run(sequences, items)) {
            for (int e = 1; e <= bestEpoch; e++) {
                whole.epoch(e);
                epochDone.epoch(searched + e, searched + bestEpoch);
            }
            return new Trained(whole.vectors(), bestEpoch, List.copyOf(hitRates));
        }
    }

    /** As {@link #train(List, int, EpochListener)}, hearing only each epoch's number. */
    public float[][] train(List<int[]> sequences, int items, IntConsumer epochDone) {
        return train(sequences, items, (epoch, epochs) -> epochDone.accept(epoch))
                .vectors();
    }

    /** Hears the end of each epoch. */
    @FunctionalInterface
    public interface EpochListener {
        void epoch(int epoch, int epochs);
    }

    /**
     * The recency weights of a history's last {@code historyLength} items, most recent first, summing to 1: the
     * user state is the weighted mean of their vectors.
     */
    static float[] recencyWeights(int length, int historyLength, double decay) {
        int used = Math.min(length, historyLength);
        float[] weights = new float[used];
        double sum = 0;
        for (int i = 0; i < used; i++) {
            sum += Math.pow(decay, i);
        }
        for (int i = 0; i < used; i++) {
            weights[i] = (float) (Math.pow(decay, i) / sum);
        }
        return weights;
    }

    /** One training from fresh seeded vectors: its native memory, optimizer state and sampling tables. */
    private final class Run implements AutoCloseable {

        private final List<int[]> sequences;
        private final int items;
        private final NDManager manager;
        private final NDArray embedding;
        private final Optimizer optimizer;
        private final Engine engine;
        /** Every (sequence, position >= 1) to predict, packed as sequence << 20 | position. */
        private final long[] examples;
        /** Item occurrences, drawn uniformly: items by popularity. */
        private final int[] occurrences;

        private final float[] logQ;
        private final SplittableRandom random;

        Run(List<int[]> sequences, int items) {
            this.sequences = sequences;
            this.items = items;
            this.engine = Engine.getEngine(IntraOpThreads.ENGINE);
            this.manager = engine.newBaseManager();
            this.random = new SplittableRandom(parameters.seed());
            int dim = parameters.dimension();
            float[] initial = new float[items * dim];
            Random gaussian = new Random(parameters.seed());
            for (int i = 0; i < initial.length; i++) {
                initial[i] = (float) (gaussian.nextGaussian() / Math.sqrt(dim));
            }
            this.embedding = manager.create(initial, new Shape(items, dim));
            embedding.setRequiresGradient(true);
            this.optimizer = Optimizer.adamW()
                    .optLearningRateTracker(Tracker.fixed((float) parameters.learningRate()))
                    .optWeightDecays((float) parameters.weightDecay())
                    .build();
            int total = 0;
            int count = 0;
            for (int[] sequence : sequences) {
                total += sequence.length;
                count += sequence.length - 1;
            }
            this.examples = new long[count];
            this.occurrences = new int[total];
            int[] frequency = new int[items];
            int e = 0;
            int o = 0;
            for (int s = 0; s < sequences.size(); s++) {
                int[] sequence = sequences.get(s);
                for (int p = 0; p < sequence.length; p++) {
                    occurrences[o++] = sequence[p];
                    frequency[sequence[p]]++;
                    if (p > 0) {
                        examples[e++] = ((long) s << 20) | p;
                    }
                }
            }
            this.logQ = new float[items];
            for (int i = 0; i < items; i++) {
                // an item never seen is as rare as one seen once
                logQ[i] = (float) Math.log(Math.max(1, frequency[i]) / (double) total);
            }
        }

        void epoch(int epoch) {
            long[] order = examples.clone();
            SplittableRandom shuffle = new SplittableRandom(parameters.seed() * 31 + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                long swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int from = 0; from < order.length; from += parameters.batchSize()) {
                step(Arrays.copyOfRange(order, from, Math.min(order.length, from + parameters.batchSize())));
            }
        }

        /** One sampled-softmax step over a batch of next-item predictions. */
        private void step(long[] batch) {
            int rows = batch.length;
            int length = parameters.historyLength();
            long[] history = new long[rows * length];
            float[] weights = new float[rows * length];
            int[] targets = new int[rows];
            for (int b = 0; b < rows; b++) {
                int[] sequence = sequences.get((int) (batch[b] >>> 20));
                int position = (int) (batch[b] & 0xFFFFF);
                targets[b] = sequence[position];
                fillHistory(sequence, position, b, history, weights);
            }
            int candidates = rows + parameters.sampledNegatives();
            long[] candidateItems = new long[candidates];
            float[] correction = new float[rows * candidates];
            float[] target = new float[rows * candidates];
            for (int c = 0; c < candidates; c++) {
                candidateItems[c] = c < rows ? targets[c] : occurrences[random.nextInt(occurrences.length)];
            }
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < candidates; c++) {
                    int item = (int) candidateItems[c];
                    boolean accidental = item == targets[b] && c != b;
                    correction[b * candidates + c] = accidental ? MASKED : -logQ[item];
                }
                target[b * candidates + b] = 1;
            }
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = engine.newGradientCollector()) {
                // the step's arrays (all derived from the table) belong to the step, not to the run
                scope.tempAttachAll(embedding);
                NDArray normalised = normalise(embedding);
                NDArray users = userStates(scope, normalised, history, weights, rows);
                NDArray candidateVectors = normalised.get(scope.create(candidateItems));
                NDArray logits = users.matMul(candidateVectors.transpose())
                        .div((float) parameters.temperature())
                        .add(scope.create(correction, new Shape(rows, candidates)));
                NDArray loss = logits.logSoftmax(1)
                        .mul(scope.create(target, new Shape(rows, candidates)))
                        .sum(new int[] {1})
                        .mean()
                        .neg();
                collector.backward(loss);
            }
            try (NDArray gradient = embedding.getGradient()) {
                optimizer.update("embedding", embedding, gradient);
            }
            // PyTorch adds each backward pass's gradients to the last ones: clear them for the next step.
            JniUtils.zeroGrad((PtNDArray) embedding);
        }

        /** The last items before {@code position}, most recent first, with their weights; the rest weigh 0. */
        private void fillHistory(int[] sequence, int position, int row, long[] history, float[] weights) {
            int length = parameters.historyLength();
            float[] recency = recencyWeights(position, length, parameters.recencyDecay());
            for (int i = 0; i < recency.length; i++) {
                history[row * length + i] = sequence[position - 1 - i];
                weights[row * length + i] = recency[i];
            }
        }

        private NDArray userStates(NDManager scope, NDArray normalised, long[] history, float[] weights, int rows) {
            int length = parameters.historyLength();
            NDArray vectors = normalised.get(scope.create(history)).reshape(rows, length, parameters.dimension());
            NDArray mean = vectors.mul(scope.create(weights, new Shape(rows, length, 1)))
                    .sum(new int[] {1});
            return normalise(mean);
        }

        /**
         * HR@10 and NDCG@10 of the sequences' last items, each ranked against all items from the rest (history left
         * out).
         */
        double[] hitRateAndNdcg(List<int[]> heldOut) {
            int hits = 0;
            double ndcg = 0;
            try (NDManager scope = manager.newSubManager()) {
                scope.tempAttachAll(embedding);
                NDArray normalised = normalise(embedding.stopGradient());
                for (int from = 0; from < heldOut.size(); from += SCORING_BATCH) {
                    List<int[]> batch = heldOut.subList(from, Math.min(heldOut.size(), from + SCORING_BATCH));
                    int rows = batch.size();
                    int length = parameters.historyLength();
                    long[] history = new long[rows * length];
                    float[] weights = new float[rows * length];
                    for (int b = 0; b < rows; b++) {
                        fillHistory(batch.get(b), batch.get(b).length - 1, b, history, weights);
                    }
                    float[] scores = userStates(scope, normalised, history, weights, rows)
                            .matMul(normalised.transpose())
                            .toFloatArray();
                    for (int b = 0; b < rows; b++) {
                        int[] sequence = batch.get(b);
                        int rank = rank(scores, b * items, sequence);
                        if (rank < HIT_AT) {
                            hits++;
                            ndcg += 1 / (Math.log(rank + 2) / Math.log(2));
                        }
                    }
                }
            }
            return new double[] {hits / (double) heldOut.size(), ndcg / heldOut.size()};
        }

        /** The target's (last item's) rank among items not in the rest of the sequence; ties count against it. */
        private int rank(float[] scores, int offset, int[] sequence) {
            int target = sequence[sequence.length - 1];
            float score = scores[offset + target];
            boolean[] seen = new boolean[items];
            for (int i = 0; i < sequence.length - 1; i++) {
                seen[sequence[i]] = true;
            }
            if (seen[target]) {
                return Integer.MAX_VALUE;
            }
            int better = 0;
            for (int i = 0; i < items; i++) {
                if (i != target && !seen[i] && scores[offset + i] >= score) {
                    better++;
                }
            }
            return better;
        }

        float[][] vectors() {
            float[] flat;
            try (NDManager scope = manager.newSubManager()) {
                scope.tempAttachAll(embedding);
                flat = normalise(embedding.stopGradient()).toFloatArray();
            }
            float[][] vectors = new float[items][];
            for (int i = 0; i < items; i++) {
                vectors[i] = Arrays.copyOfRange(flat, i * parameters.dimension(), (i + 1) * parameters.dimension());
            }
            return vectors;
        }

        private NDArray normalise(NDArray rows) {
            return rows.div(rows.square().sum(new int[] {-1}, true).add(1e-12f).sqrt());
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
