package io.magpie.eval.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Texts per second of an encoder at several request batch sizes, side by side: the same texts at every size, and
 * the sizes interleaved over rounds (round r starts at the r-th size) so that a change in the machine's load during
 * the run does not favour one size.
 */
public final class EncoderThroughput {

    /**
     * One batch size's figures over all rounds.
     *
     * @param batchSize texts per request
     * @param requests  requests sent
     * @param texts     texts encoded
     * @param seconds   time spent in its requests
     * @param latency   per request, microseconds
     */
    public record BatchResult(int batchSize, long requests, long texts, double seconds, Histogram latency) {

        public double textsPerSecond() {
            return texts / seconds;
        }
    }

    private final TextEncoder encoder;

    public EncoderThroughput(TextEncoder encoder) {
        this.encoder = encoder;
    }

    /**
     * @param texts      encoded in full at every batch size, every round
     * @param batchSizes texts per request
     * @param rounds     how often the whole set is encoded at each size
     * @param warmup     texts encoded first, at each batch size, unmeasured
     */
    public List<BatchResult> run(List<String> texts, List<Integer> batchSizes, int rounds, int warmup)
            throws Exception {
        if (texts.isEmpty() || batchSizes.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("need texts, batch sizes and at least one round");
        }
        for (int size : batchSizes) {
            encodeAll(texts.subList(0, Math.min(warmup, texts.size())), size, null);
        }
        Map<Integer, Histogram> latencies = new LinkedHashMap<>();
        Map<Integer, long[]> totals = new LinkedHashMap<>();
        batchSizes.forEach(size -> {
            latencies.put(size, new Histogram(3));
            totals.put(size, new long[3]);
        });
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < batchSizes.size(); i++) {
                int size = batchSizes.get((i + round) % batchSizes.size());
                long[] total = totals.get(size);
                long start = System.nanoTime();
                total[0] += encodeAll(texts, size, latencies.get(size));
                total[1] += System.nanoTime() - start;
                total[2] += texts.size();
            }
        }
        List<BatchResult> results = new ArrayList<>();
        for (int size : batchSizes) {
            long[] total = totals.get(size);
            results.add(new BatchResult(size, total[0], total[2], total[1] / 1e9, latencies.get(size)));
        }
        return results;
    }

    /** @return requests sent */
    private long encodeAll(List<String> texts, int batchSize, Histogram latency) throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        long requests = 0;
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            long start = System.nanoTime();
            int vectors = encoder.encode(batch);
            long micros = (System.nanoTime() - start) / 1000;
            if (vectors != batch.size()) {
                throw new IllegalStateException("sent " + batch.size() + " texts, got " + vectors + " vectors");
            }
            if (latency != null) {
                latency.recordValue(Math.max(1, micros));
            }
            requests++;
        }
        return requests;
    }

    /** Result rows with texts/s relative to the first batch size's. */
    public static List<Map<String, Object>> rows(List<BatchResult> results) {
        double base = results.get(0).textsPerSecond();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BatchResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batchSize", r.batchSize());
            row.put("requests", r.requests());
            row.put("texts", r.texts());
            row.put("seconds", r.seconds());
            row.put("textsPerSecond", r.textsPerSecond());
            row.put("ratio", r.textsPerSecond() / base);
            row.put("requestP50", LoadResult.percentileMillis(r.latency(), 50));
            row.put("requestP99", LoadResult.percentileMillis(r.latency(), 99));
            row.put("msPerText", r.seconds() * 1000 / r.texts());
            rows.add(row);
        }
        return rows;
    }
}
