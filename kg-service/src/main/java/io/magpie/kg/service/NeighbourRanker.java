package io.magpie.kg.service;

import io.magpie.api.retrieval.Candidate;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.GraphLink;
import io.magpie.kg.model.Relation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores graph neighbours: each link from a seed adds {@code 1 / (1 + seed position)} times the weight of its
 * relation, so neighbours of the first seed and neighbours linked to several seeds come first. A candidate's
 * reason lists its strongest links, e.g. "same category 'Paper Towels' as B07XYZ".
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
        Map<String, List<Contribution>> byNeighbour = new LinkedHashMap<>();
        for (GraphLink link : links) {
            byNeighbour.computeIfAbsent(link.neighbourId(), id -> new ArrayList<>())
                    .add(new Contribution(link, seedWeight(link.seedPosition()) * relationWeight(link.relation())));
        }
        List<Candidate> candidates = new ArrayList<>(byNeighbour.size());
        byNeighbour.forEach((id, contributions) -> candidates.add(candidate(id, contributions)));
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::id));
        return candidates.size() > k ? List.copyOf(candidates.subList(0, k)) : candidates;
    }

    private static Candidate candidate(String id, List<Contribution> contributions) {
        contributions.sort(Comparator.comparingDouble(Contribution::score).reversed()
                .thenComparingInt(c -> c.link().seedPosition())
                .thenComparing(c -> c.link().relation()));
        double score = contributions.stream().mapToDouble(Contribution::score).sum();
        StringBuilder reason = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_REASONS, contributions.size()); i++) {
            if (i > 0) {
                reason.append("; ");
            }
            reason.append(explain(contributions.get(i).link()));
        }
        if (contributions.size() > MAX_REASONS) {
            reason.append(" (and ").append(contributions.size() - MAX_REASONS).append(" more)");
        }
        return new Candidate(id, score, reason.toString());
    }

    private static String explain(GraphLink link) {
        return "same " + link.relation().label() + " '" + link.via() + "' as " + link.seedId();
    }

    private static double seedWeight(int position) {
        return 1.0 / (1 + position);
    }

    private double relationWeight(Relation relation) {
        return switch (relation) {
            case CATEGORY -> weights.categoryWeight();
            case BRAND -> weights.brandWeight();
        };
    }

    private record Contribution(GraphLink link, double score) {
    }
}
