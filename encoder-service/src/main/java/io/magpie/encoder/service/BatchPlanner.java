package io.magpie.encoder.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits the texts of a request into batches. Texts of similar length go together, because a batch is
 * padded to its longest text and padding is computed like real tokens.
 */
final class BatchPlanner {

    private BatchPlanner() {}

    /**
     * @param lengths      token count of each text, in request order
     * @param maxBatchSize most texts per batch
     * @return batches of request indexes, shortest texts first
     */
    static List<int[]> plan(int[] lengths, int maxBatchSize) {
        int[] byLength = IntStream.range(0, lengths.length)
                .boxed()
                .sorted(Comparator.comparingInt(i -> lengths[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < byLength.length; start += maxBatchSize) {
            batches.add(Arrays.copyOfRange(byLength, start, Math.min(start + maxBatchSize, byLength.length)));
        }
        return batches;
    }
}
