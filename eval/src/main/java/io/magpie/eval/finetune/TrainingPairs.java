package io.magpie.eval.finetune;

import io.magpie.api.encoder.FineTuningRequest.Pair;
import io.magpie.eval.esci.EsciJudgements;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Training pairs from labelled queries: each query with the text of every product judged exact (E) for it. The
 * product text is what product vectors are made from ({@code Product#embeddingText()}), so training sees what
 * retrieval compares.
 */
public final class TrainingPairs {

    private TrainingPairs() {}

    /**
     * @param queries      the queries to take pairs from (the training folds' queries, never the held-out ones)
     * @param productTexts product id to embedding text; products without a text are skipped
     */
    public static List<Pair> fromEsci(
            EsciJudgements judgements, Collection<String> queries, Map<String, String> productTexts) {
        List<Pair> pairs = new ArrayList<>();
        for (String query : queries) {
            // Sorted by product id so that the same queries always give the same list.
            Map<String, String> labels = new TreeMap<>(judgements.labels().getOrDefault(query, Map.of()));
            labels.forEach((productId, label) -> {
                String text = productTexts.get(productId);
                if ("E".equals(label.strip()) && text != null && !text.isBlank()) {
                    pairs.add(new Pair(query, text));
                }
            });
        }
        return pairs;
    }
}
