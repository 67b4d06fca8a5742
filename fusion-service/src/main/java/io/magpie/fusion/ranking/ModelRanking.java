package io.magpie.fusion.ranking;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.ItemExplanation;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.magpie.api.fusion.SourceContribution;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.features.ExtractedFeatures;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.ranking.attention.AttentionInput;
import io.magpie.fusion.ranking.attention.AttentionScores;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Ranks a request's candidates with a learned model: features from the one extractor, every candidate scored in
 * one batched call, best first. Each item still names the sources that proposed it with their ranks; their
 * "contribution" is the reciprocal-rank share (display only: the model's score is not a sum over sources).
 * With {@code explain}, each item carries its features and the trees' per-feature contributions, or, for an
 * attention model, the attention weights of the sources that proposed it.
 */
@ApplicationScoped
public class ModelRanking {

    private final FeatureExtractor extractor;

    public ModelRanking(FeatureExtractor extractor) {
        this.extractor = extractor;
    }

    public List<FusedItem> rank(FuseRequest request, LoadedModel model) {
        ExtractedFeatures features = extractor.extract(request);
        if (features.size() == 0) {
            return List.of();
        }
        if (model.attention() != null) {
            return rankByAttention(request, model, features);
        }
        float[] scores = model.trees().score(features.flat());
        Integer[] order = bestFirst(scores);
        int top = Math.min(request.size(), order.length);
        Map<String, List<SourceContribution>> sources = sourcesByItem(request.lists());
        float[][] contributions =
                request.explained() ? model.trees().contributions(pick(features.flat(), order, top)) : null;
        List<String> names = features.schema().flatNames();
        List<FusedItem> items = new ArrayList<>(top);
        for (int r = 0; r < top; r++) {
            int i = order[r];
            String id = features.ids().get(i);
            ItemExplanation explanation =
                    contributions == null ? null : explanation(names, features.flat()[i], contributions[r]);
            items.add(new FusedItem(id, scores[i], sources.getOrDefault(id, List.of()), explanation));
        }
        return items;
    }

    /** Every candidate in one batched forward; with {@code explain}, the features and the sources' weights. */
    private List<FusedItem> rankByAttention(FuseRequest request, LoadedModel model, ExtractedFeatures features) {
        AttentionInput input = AttentionFeatures.input(features);
        AttentionScores scored = model.attention().score(input);
        float[] scores = scored.scores();
        Integer[] order = bestFirst(scores);
        int top = Math.min(request.size(), order.length);
        Map<String, List<SourceContribution>> sources = sourcesByItem(request.lists());
        List<String> names = features.schema().flatNames();
        List<String> sourceNames = features.schema().sources();
        List<FusedItem> items = new ArrayList<>(top);
        for (int r = 0; r < top; r++) {
            int i = order[r];
            String id = features.ids().get(i);
            ItemExplanation explanation = request.explained()
                    ? ItemExplanation.ofAttention(
                            featureValues(names, features.flat()[i]),
                            sourceWeights(sourceNames, input.present()[i], scored.weights()[i]))
                    : null;
            items.add(new FusedItem(id, scores[i], sources.getOrDefault(id, List.of()), explanation));
        }
        return items;
    }

    /** The weights of the sources that proposed the item (absent ones are 0 by construction), largest first. */
    private static Map<String, Double> sourceWeights(List<String> names, boolean[] present, float[] weights) {
        Map<String, Double> bySource = new LinkedHashMap<>();
        IntStream.range(0, names.size())
                .boxed()
                .filter(s -> present[s])
                .sorted(Comparator.comparingDouble((Integer s) -> -weights[s]))
                .forEach(s -> bySource.put(names.get(s), (double) weights[s]));
        return bySource;
    }

    private static Map<String, Double> featureValues(List<String> names, float[] values) {
        Map<String, Double> features = new LinkedHashMap<>();
        for (int f = 0; f < names.size(); f++) {
            features.put(names.get(f), (double) values[f]);
        }
        return features;
    }

    /** Candidate rows by score, best first; ties keep the order of first appearance (the better source rank). */
    private static Integer[] bestFirst(float[] scores) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        return order;
    }

    private static float[][] pick(float[][] rows, Integer[] order, int top) {
        float[][] picked = new float[top][];
        for (int r = 0; r < top; r++) {
            picked[r] = rows[order[r]];
        }
        return picked;
    }

    private static ItemExplanation explanation(List<String> names, float[] values, float[] contributions) {
        Map<String, Double> features = featureValues(names, values);
        Map<String, Double> byFeature = new LinkedHashMap<>();
        IntStream.range(0, names.size())
                .boxed()
                .filter(f -> contributions[f] != 0f)
                .sorted(Comparator.comparingDouble((Integer f) -> -Math.abs(contributions[f])))
                .forEach(f -> byFeature.put(names.get(f), (double) contributions[f]));
        return new ItemExplanation(features, byFeature, contributions[names.size()]);
    }

    /** Each source's first rank of each item, largest share first. */
    private static Map<String, List<SourceContribution>> sourcesByItem(List<CandidateList> lists) {
        Map<String, List<SourceContribution>> byItem = new HashMap<>();
        for (CandidateList list : lists) {
            int rank = 0;
            for (Candidate candidate : list.candidates()) {
                rank++;
                List<SourceContribution> ofItem = byItem.computeIfAbsent(candidate.id(), id -> new ArrayList<>());
                if (ofItem.stream().noneMatch(c -> c.source().equals(list.source()))) {
                    ofItem.add(
                            new SourceContribution(list.source(), rank, 1.0 / (ReciprocalRankFusion.DEFAULT_K + rank)));
                }
            }
        }
        byItem.values()
                .forEach(l -> l.sort(
                        Comparator.comparingInt(SourceContribution::rank).thenComparing(SourceContribution::source)));
        return byItem;
    }
}
