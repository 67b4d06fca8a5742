package io.magpie.encoder.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Deals the pairs of one epoch into batches after a seeded shuffle; a last batch of one pair is dropped. */
public final class PairBatches {

    private PairBatches() {}

    /** The batches of epoch {@code epoch} (0-based): the same pairs, seed and epoch give the same batches. */
    public static List<List<TrainingPair>> of(List<TrainingPair> pairs, int batchSize, long seed, int epoch) {
        List<TrainingPair> shuffled = new ArrayList<>(pairs);
        Collections.shuffle(shuffled, new Random(seed * 31 + epoch));
        List<List<TrainingPair>> batches = new ArrayList<>();
        for (int from = 0; from < shuffled.size(); from += batchSize) {
            List<TrainingPair> batch = shuffled.subList(from, Math.min(from + batchSize, shuffled.size()));
            // One pair has no in-batch negative: nothing to learn from it.
            if (batch.size() >= 2) {
                batches.add(List.copyOf(batch));
            }
        }
        return batches;
    }
}
