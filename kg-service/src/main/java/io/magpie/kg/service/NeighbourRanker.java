package io.magpie.kg.service;

import io.magpie.api.graph.GraphPaths;
import io.magpie.api.retrieval.Candidate;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.GraphLink;
import io.magpie.kg.model.RelationType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores graph candidates: every path that reaches a candidate adds origin weight x position weight x path
 * weight (see {@link KnowledgeGraphConfig.Expand}), so candidates named by the query, linked to the first seeds,
 * or linked several ways come first. A candidate's reason lists its strongest paths, e.g.
 * {@code query mentions brand "Bounty" -> MADE_BY; ACCESSORY_OF -> "Phone X" (seed)}.
 */
@ApplicationScoped
public class NeighbourRanker {

    /** Reasons beyond this many are summarised as "(and N more)". */
    static final int MAX_REASONS = 3;

    private final KnowledgeGraphConfig.Expand weights;

    public NeighbourRanker(KnowledgeGraphConfig config) {
        this.weights = config.expand();
    }

    /** The {@code k} best candidates, best first; equal scores in product id order, so answers are stable. */
    public List<Candidate> rank(List<GraphLink> links, int k) {
        Map<String, Map<String, Double>> byCandidate = new LinkedHashMap<>();
        Map<String, Map<String, Double>> kindsByCandidate = new LinkedHashMap<>();
        for (GraphLink link : links) {
            double score = originWeight(link) * pathWeight(link);
            if (score > 0) {
                // the same path found twice (e.g. through two category levels of one name) counts once
                byCandidate
                        .computeIfAbsent(link.candidateId(), id -> new LinkedHashMap<>())
                        .merge(link.explanation(), score, Math::max);
                kindsByCandidate
                        .computeIfAbsent(link.candidateId(), id -> new LinkedHashMap<>())
                        .merge(pathKind(link), score, Math::max);
            }
        }
        List<Candidate> candidates = new ArrayList<>(byCandidate.size());
        byCandidate.forEach((id, paths) -> candidates.add(candidate(id, paths, kindsByCandidate.get(id))));
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::id));
        return candidates.size() > k ? List.copyOf(candidates.subList(0, k)) : candidates;
    }

    private static Candidate candidate(String id, Map<String, Double> paths, Map<String, Double> kinds) {
        List<Map.Entry<String, Double>> strongest = new ArrayList<>(paths.entrySet());
        strongest.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        double score = strongest.stream().mapToDouble(Map.Entry::getValue).sum();
        StringBuilder reason = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_REASONS, strongest.size()); i++) {
            if (i > 0) {
                reason.append("; ");
            }
            reason.append(strongest.get(i).getKey());
        }
        if (strongest.size() > MAX_REASONS) {
            reason.append(" (and ").append(strongest.size() - MAX_REASONS).append(" more)");
        }
        List<String> strongestKinds = kinds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        return new Candidate(id, score, reason.toString(), strongestKinds);
    }

    /** The path's kind as rankers read it ({@link GraphPaths}): structured, where the reason is prose. */
    static String pathKind(GraphLink link) {
        return switch (link.kind()) {
            case MENTIONED_BRAND -> GraphPaths.QUERY_NAMES_BRAND;
            case MENTIONED_CATEGORY -> GraphPaths.QUERY_NAMES_CATEGORY;
            case MENTIONED_ATTRIBUTE -> GraphPaths.QUERY_NAMES_ATTRIBUTE;
            case SAME_CATEGORY -> GraphPaths.SHARED_CATEGORY;
            case SAME_BRAND -> GraphPaths.SHARED_BRAND;
            case SAME_ATTRIBUTE -> GraphPaths.SHARED_ATTRIBUTE;
            case RELATED ->
                link.hops().isEmpty()
                        ? GraphPaths.ALSO_BOUGHT
                        : link.hops().get(0).name();
        };
    }

    private double originWeight(GraphLink link) {
        return switch (link.origin()) {
            case QUERY -> 1.0;
            case SEED -> weights.seedWeight() / (1 + link.position());
            case HISTORY -> weights.historyWeight() / (1 + link.position());
        };
    }

    private double pathWeight(GraphLink link) {
        return switch (link.kind()) {
            case MENTIONED_BRAND -> weights.query().brandWeight();
            case MENTIONED_CATEGORY -> weights.query().categoryWeight();
            case MENTIONED_ATTRIBUTE -> weights.query().attributeWeight();
            case SAME_CATEGORY -> weights.categoryWeight();
            case SAME_BRAND -> weights.brandWeight();
            case SAME_ATTRIBUTE -> weights.attributeWeight();
            case RELATED -> {
                double weight = link.edgeWeight()
                        * Math.pow(weights.hopDecay(), link.hops().size() - 1);
                for (RelationType hop : link.hops()) {
                    weight *= relationWeight(hop);
                }
                yield weight;
            }
        };
    }

    private double relationWeight(RelationType type) {
        return switch (type) {
            case ACCESSORY_OF -> weights.accessoryWeight();
            case COMPATIBLE_WITH -> weights.compatibleWeight();
            case SUBSTITUTE_FOR -> weights.substituteWeight();
            case ALSO_BOUGHT -> weights.alsoBoughtWeight();
            default -> 0.0; // catalogue relations are not product-to-product hops
        };
    }
}
