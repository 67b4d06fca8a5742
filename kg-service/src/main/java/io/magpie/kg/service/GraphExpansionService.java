package io.magpie.kg.service;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.Sources;
import io.magpie.kg.config.KnowledgeGraphConfig;
import io.magpie.kg.model.GraphLink;
import io.magpie.kg.model.Origin;
import io.magpie.kg.store.GraphNeighbourStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Graph candidates for a request: products of the brands, categories and attribute values its query names, and
 * products linked to its seeds and to the user's history; the three lookups run in parallel. Seeds and history
 * products are never candidates themselves (the caller has them already).
 */
@ApplicationScoped
public class GraphExpansionService {

    private final ExpandRequestValidator validator;
    private final QueryDictionary dictionary;
    private final GraphNeighbourStore store;
    private final NeighbourRanker ranker;
    private final KnowledgeGraphConfig.Expand config;

    public GraphExpansionService(
            ExpandRequestValidator validator,
            QueryDictionary dictionary,
            GraphNeighbourStore store,
            NeighbourRanker ranker,
            KnowledgeGraphConfig config) {
        this.validator = validator;
        this.dictionary = dictionary;
        this.store = store;
        this.ranker = ranker;
        this.config = config.expand();
    }

    public Uni<CandidateList> expand(ExpandRequest request) {
        return Uni.createFrom().deferred(() -> {
            validator.validate(request);
            List<String> seeds = distinct(request.productIds()); // the first position counts
            List<String> history = distinct(request.history());
            Set<String> exclude = new LinkedHashSet<>(seeds);
            exclude.addAll(history);
            boolean withAttributes = config.attributeWeight() > 0;
            Uni<List<GraphLink>> fromQuery = request.query() == null
                            || request.query().isBlank()
                    ? Uni.createFrom().item(List.of())
                    : dictionary
                            .matcher()
                            .flatMap(matcher -> store.mentioned(
                                    matcher.match(
                                            request.query(), config.query().maxMentions()),
                                    exclude,
                                    config.query().productsPerEntity()));
            Uni<List<GraphLink>> fromSeeds =
                    store.related(Origin.SEED, seeds, exclude, config.neighboursPerSeed(), withAttributes);
            Uni<List<GraphLink>> fromHistory =
                    store.related(Origin.HISTORY, history, exclude, config.neighboursPerSeed(), withAttributes);
            return Uni.combine().all().unis(fromQuery, fromSeeds, fromHistory).with((query, related, past) -> {
                List<GraphLink> links = new ArrayList<>(query.size() + related.size() + past.size());
                links.addAll(query);
                links.addAll(related);
                links.addAll(past);
                return new CandidateList(Sources.GRAPH, ranker.rank(links, request.k()));
            });
        });
    }

    private static List<String> distinct(List<String> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }
}
