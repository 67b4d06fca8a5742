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
import java.util.function.Supplier;
import org.neo4j.driver.async.AsyncQueryRunner;

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
        return expand(null, request);
    }

    /**
     * As {@link #expand(ExpandRequest)}, read inside a caller's transaction (a preview of a pending edit), where the
     * three lookups run one after another: a transaction runs its queries in sequence.
     */
    public Uni<CandidateList> expand(AsyncQueryRunner tx, ExpandRequest request) {
        return Uni.createFrom().deferred(() -> {
            validator.validate(request);
            List<String> seeds = distinct(request.productIds()); // the first position counts
            List<String> history = distinct(request.history());
            Set<String> exclude = new LinkedHashSet<>(seeds);
            exclude.addAll(history);
            boolean withAttributes = config.attributeWeight() > 0;
            Supplier<Uni<List<GraphLink>>> fromQuery = () -> request.query() == null
                            || request.query().isBlank()
                    ? Uni.createFrom().item(List.of())
                    : dictionary
                            .matcher()
                            .flatMap(matcher -> store.mentioned(
                                    tx,
                                    matcher.match(
                                            request.query(), config.query().maxMentions()),
                                    exclude,
                                    config.query().productsPerEntity()));
            Supplier<Uni<List<GraphLink>>> fromSeeds =
                    () -> store.related(tx, Origin.SEED, seeds, exclude, config.neighboursPerSeed(), withAttributes);
            Supplier<Uni<List<GraphLink>>> fromHistory = () ->
                    store.related(tx, Origin.HISTORY, history, exclude, config.neighboursPerSeed(), withAttributes);
            Uni<List<List<GraphLink>>> found = tx == null
                    ? Uni.combine()
                            .all()
                            .unis(fromQuery.get(), fromSeeds.get(), fromHistory.get())
                            .with((query, related, past) -> List.of(query, related, past))
                    : fromQuery
                            .get()
                            .chain(query -> fromSeeds
                                    .get()
                                    .chain(related -> fromHistory.get().map(past -> List.of(query, related, past))));
            return found.map(parts -> {
                List<GraphLink> links = new ArrayList<>();
                parts.forEach(links::addAll);
                return new CandidateList(Sources.GRAPH, ranker.rank(links, request.k()));
            });
        });
    }

    private static List<String> distinct(List<String> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }
}
