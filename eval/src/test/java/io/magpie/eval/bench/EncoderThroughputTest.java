package io.magpie.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EncoderThroughputTest {

    private final List<String> texts =
            IntStream.range(0, 10).mapToObj(i -> "text " + i).toList();

    @Test
    void everyBatchSizeEncodesAllTextsEveryRoundInterleaved() throws Exception {
        List<Integer> requestSizes = new ArrayList<>();
        EncoderThroughput throughput = new EncoderThroughput(batch -> {
            requestSizes.add(batch.size());
            return batch.size();
        });

        List<EncoderThroughput.BatchResult> results = throughput.run(texts, List.of(1, 4), 2, 2);

        // warm-up: 2 texts at each size (1 + 1, then 2); round 1: size 1 (10 requests), size 4 (4, 4, 2);
        // round 2 starts with size 4
        assertEquals(List.of(1, 1, 2), requestSizes.subList(0, 3));
        assertEquals(List.of(4, 4, 2), requestSizes.subList(13, 16));
        assertEquals(List.of(4, 4, 2), requestSizes.subList(16, 19));
        assertEquals(29, requestSizes.size());
        assertEquals(20, results.get(0).requests());
        assertEquals(20, results.get(0).texts());
        assertEquals(6, results.get(1).requests());
        assertEquals(20, results.get(1).texts());
        assertEquals(6, results.get(1).latency().getTotalCount());

        List<Map<String, Object>> rows = EncoderThroughput.rows(results);
        assertEquals(1.0, (Double) rows.get(0).get("ratio"), 1e-12);
        assertEquals(
                results.get(1).textsPerSecond() / results.get(0).textsPerSecond(),
                (Double) rows.get(1).get("ratio"),
                1e-12);
    }

    @Test
    void aWrongNumberOfVectorsFailsTheRun() {
        EncoderThroughput throughput = new EncoderThroughput(batch -> batch.size() - 1);
        assertThrows(IllegalStateException.class, () -> throughput.run(texts, List.of(2), 1, 0));
    }
}
