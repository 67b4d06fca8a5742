package io.magpie.kg.service;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.Sources;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.store.GraphNeighbourStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;

/** Graph candidates for seed products: neighbours through a shared leaf category or brand, with reasons. */
@ApplicationScoped
public class GraphExpansionService {

    private final ExpandRequestValidator validator;
    private final GraphNeighbourStore store;
    private final NeighbourRanker ranker;
    private final int neighboursPerSeed;

    public GraphExpansionService(ExpandRequestValidator validator, GraphNeighbourStore store,
                                 NeighbourRanker ranker, KnowledgeGraphConfig config) {
        this.validator = validator;
        this.store = store;
        this.ranker = ranker;
        this.neighboursPerSeed = config.expand().neighboursPerSeed();
    }

    /** The seeds themselves are never candidates; unknown seeds contribute nothing. */
    public Uni<CandidateList> expand(ExpandRequest request) {
        return Uni.createFrom().deferred(() -> {
            validator.validate(request);
            List<String> seeds = List.copyOf(new LinkedHashSet<>(request.productIds())); // first position counts
            return store.neighbours(seeds, neighboursPerSeed)
                    .map(links -> new CandidateList(Sources.GRAPH, ranker.rank(links, request.k())));
        });
    }
}
