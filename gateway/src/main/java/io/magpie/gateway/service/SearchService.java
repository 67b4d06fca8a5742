package io.magpie.gateway.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.fusion.CapturedFuseRequest;
import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.FusionClient;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.fusion.QueryContext;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.graph.KnowledgeGraphClient;
import io.magpie.api.impressions.ServedList;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.DenseQuery;
import io.magpie.api.retrieval.LexicalQuery;
import io.magpie.api.retrieval.RetrievalClient;
import io.magpie.api.retrieval.Sources;
import io.magpie.gateway.client.BranchGuards;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.model.FusedRanking;
import io.magpie.gateway.model.RankedItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The fused ranking of a search: encodes the query, asks every requested source for candidates in parallel, reads
 * all candidates' products from the catalogue in one call, and fuses them with that data (a learned ranker needs
 * it). Each branch has its own timeout; a branch that fails or is slow is left out and named in {@code degraded}
 * instead of failing the search.
 */
@ApplicationScoped
public class SearchService {

    static final String ENCODER = "encoder";
    static final String FUSION = "fusion";

    private final QueryVectors queryVectors;
    private final RetrievalClient retrieval;
    private final CandidateCatalogue catalogue;
    private final KnowledgeGraphClient graph;
    private final FusionClient fusion;
    private final GatewayConfig.Search config;
    private final MeterRegistry metrics;
    private final BranchGuards guards;
    private final ReciprocalRankFusion fallbackFusion = new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K);

    public SearchService(
            QueryVectors queryVectors,
            @RestClient RetrievalClient retrieval,
            CandidateCatalogue catalogue,
            @RestClient KnowledgeGraphClient graph,
            @RestClient FusionClient fusion,
            GatewayConfig config,
            MeterRegistry metrics,
            BranchGuards guards) {
        this.queryVectors = queryVectors;
        this.retrieval = retrieval;
        this.catalogue = catalogue;
        this.graph = graph;
        this.fusion = fusion;
        this.config = config.search();
        this.metrics = metrics;
        this.guards = guards;
    }

    /**
     * The whole fused ranking of a request: every candidate of every requested source (at the configured depth,
     * unfiltered: filters are views of the ranking), fused into one order, with its catalogue data.
     */
    public Uni<FusedRanking> rank(RankingKey key) {
        DegradedSources degraded = new DegradedSources(metrics, guards);
        return rankVariants(
                        key,
                        degraded,
                        request -> servingGraph(request, degraded).map(List::of))
                .map(rankings -> rankings.get(0));
    }

    /**
     * Fused rankings of one request that differ only in the graph's candidates, e.g. without and with a pending
     * edit (docs/adr/0023): the encoder, dense and lexical sources and the catalogue are asked once, the graph's
     * variants come from {@code graphVariants} (whose failure fails the whole), and each variant is fused as
     * {@link #rank(RankingKey)} fuses. Nothing is cached.
     */
    public Uni<List<FusedRanking>> rankVariants(
            RankingKey key, Function<ExpandRequest, Uni<List<CandidateList>>> graphVariants) {
        return rankVariants(key, new DegradedSources(metrics, guards), graphVariants);
    }

    private Uni<List<FusedRanking>> rankVariants(
            RankingKey key, DegradedSources degraded, Function<ExpandRequest, Uni<List<CandidateList>>> graphVariants) {
        SearchQuery query = new SearchQuery(
                key.text(),
                1,
                new LinkedHashSet<>(key.sources()),
                key.strategy(),
                CandidateFilter.NONE,
                0,
                key.model(),
                key.explain());
        return gather(query, degraded, graphVariants)
                .flatMap(variants -> Multi.createFrom()
                        .iterable(variants)
                        .onItem()
                        .transformToUniAndConcatenate(gathered -> fuseAll(gathered, query, degraded))
                        .collect()
                        .asList());
    }

    private Uni<FusedRanking> fuseAll(Gathered gathered, SearchQuery query, DegradedSources degraded) {
        int candidates = (int) gathered.lists().stream()
                .flatMap(list -> list.candidates().stream())
                .map(Candidate::id)
                .distinct()
                .count();
        SearchQuery all = new SearchQuery(
                query.text(),
                Math.max(1, Math.min(FuseRequest.MAX_SIZE, candidates)),
                query.sources(),
                query.strategy(),
                query.filter(),
                query.depth(),
                query.model(),
                query.explain());
        return fuse(gathered, all, degraded)
                .map(fused -> FusedRanking.of(
                        rankedItems(fused.items(), gathered, degraded),
                        degraded.sorted(),
                        depth(query),
                        fused.strategy() == null
                                ? ServedList.DEFAULT_STRATEGY
                                : fused.strategy().json(),
                        fused.model()));
    }

    /**
     * The fuse request this search would send to fusion-service, not sent: labelled, it is a training example
     * whose features are exactly what serving computes.
     */
    public Uni<CapturedFuseRequest> captureFuseRequest(SearchQuery query) {
        DegradedSources degraded = new DegradedSources(metrics, guards);
        return gather(
                        query,
                        degraded,
                        request -> servingGraph(request, degraded).map(List::of))
                .map(gathered -> new CapturedFuseRequest(fuseRequest(gathered.get(0), query), degraded.sorted()));
    }

    /**
     * Every requested source's candidates and the catalogue data of all of them, once per variant of the graph's
     * candidates.
     */
    private Uni<List<Gathered>> gather(
            SearchQuery query,
            DegradedSources degraded,
            Function<ExpandRequest, Uni<List<CandidateList>>> graphVariants) {
        GatewayConfig.Timeouts timeouts = config.timeouts();
        int k = depth(query);

        boolean needDense =
                query.sources().contains(Sources.DENSE) || query.sources().contains(Sources.GRAPH);
        Uni<CandidateList> dense = needDense
                ? encodeQuery(query.text(), degraded)
                        .flatMap(vector -> vector == null
                                ? Uni.createFrom().item(degradedBecauseOfEncoder(Sources.DENSE, degraded))
                                : degraded.guard(
                                        Sources.DENSE,
                                        timeouts.dense(),
                                        () -> retrieval.dense(new DenseQuery(vector, k, query.filter())),
                                        CandidateList.empty(Sources.DENSE)))
                        .memoize()
                        .indefinitely()
                : Uni.createFrom().item(CandidateList.empty(Sources.DENSE));
        Uni<CandidateList> lexical = query.sources().contains(Sources.LEXICAL)
                ? degraded.guard(
                        Sources.LEXICAL,
                        timeouts.lexical(),
                        () -> retrieval.lexical(new LexicalQuery(query.text(), k, query.filter())),
                        CandidateList.empty(Sources.LEXICAL))
                : Uni.createFrom().item(CandidateList.empty(Sources.LEXICAL));
        Uni<List<CandidateList>> expanded = query.sources().contains(Sources.GRAPH)
                ? dense.flatMap(hits -> graphVariants.apply(expandRequest(query.text(), hits, k)))
                : Uni.createFrom().item(List.of(CandidateList.empty(Sources.GRAPH)));

        return Uni.combine()
                .all()
                .unis(dense, lexical, expanded)
                .asTuple()
                .map(lists -> lists.getItem3().stream()
                        .map(graphList -> Stream.of(lists.getItem1(), lists.getItem2(), graphList)
                                .filter(list -> query.sources().contains(list.source()))
                                .toList())
                        .toList())
                .invoke(variants -> failIfNoSourceAnswered(query, degraded))
                .flatMap(variants -> hydrate(variants, query.filter(), degraded));
    }

    private int depth(SearchQuery query) {
        return Math.max(query.depth() > 0 ? query.depth() : config.candidatesPerSource(), query.size());
    }

    /** The query vector, or null when the encoder failed (the branch is then degraded). */
    private Uni<float[]> encodeQuery(String text, DegradedSources degraded) {
        return degraded.guard(ENCODER, config.timeouts().encode(), () -> queryVectors.encode(text), null);
    }

    private static CandidateList degradedBecauseOfEncoder(String source, DegradedSources degraded) {
        degraded.add(source);
        return CandidateList.empty(source);
    }

    /**
     * What the graph is asked: candidates for the brands, categories and attributes the query text names, and for
     * the best dense hits as seeds. Without dense hits (none, or the dense branch failed) the text alone still finds
     * candidates.
     */
    private ExpandRequest expandRequest(String text, CandidateList denseHits, int k) {
        List<String> seeds = denseHits.candidates().stream()
                .limit(config.graphSeeds())
                .map(Candidate::id)
                .toList();
        String named = text.length() > ExpandRequest.MAX_QUERY_LENGTH
                ? text.substring(0, ExpandRequest.MAX_QUERY_LENGTH)
                : text;
        return new ExpandRequest(named, seeds, null, k);
    }

    /** The graph's candidates as shoppers get them; a failed or slow graph is left out and named in degraded. */
    private Uni<CandidateList> servingGraph(ExpandRequest request, DegradedSources degraded) {
        return degraded.guard(
                Sources.GRAPH,
                config.timeouts().graph(),
                () -> graph.expand(request),
                CandidateList.empty(Sources.GRAPH));
    }

    /** An empty 200 would read as "nothing matches": when no source answered, say so, and when to try again. */
    private void failIfNoSourceAnswered(SearchQuery query, DegradedSources degraded) {
        if (query.sources().stream().allMatch(degraded::contains)) {
            int retryAfter = (int) config.unavailableRetryAfter().toSeconds();
            throw ProblemException.unavailable(
                    "no candidate source answered; degraded: " + degraded.sorted(), retryAfter);
        }
    }

    /** Fused by fusion-service, or by local RRF when it cannot answer in time; with the strategy that fused. */
    private Uni<FuseResponse> fuse(Gathered gathered, SearchQuery query, DegradedSources degraded) {
        return degraded.guard(FUSION, config.timeouts().fusion(), () -> fusion.fuse(fuseRequest(gathered, query)), null)
                .map(fused -> fused != null
                        ? fused
                        : new FuseResponse(FusionStrategy.RRF, fallbackFusion.fuse(gathered.lists(), query.size())));
    }

    private static FuseRequest fuseRequest(Gathered gathered, SearchQuery query) {
        Map<String, ItemData> items = new LinkedHashMap<>();
        gathered.products().forEach((id, product) -> items.put(id, ItemData.of(product)));
        return new FuseRequest(
                query.strategy(),
                gathered.lists(),
                query.size(),
                new QueryContext(query.text()),
                items,
                query.model(),
                query.explain() ? Boolean.TRUE : null);
    }

    /**
     * The products of every source's candidates in one catalogue call, before fusion, so that a learned ranker
     * sees their data and the hits need no second call. Dense and lexical candidates were filtered by the index,
     * graph candidates were not: with a filter, a candidate must also pass it on its catalogue data. A product
     * deleted since it was indexed is dropped. Without the catalogue the lists stay as they are and fusion ranks
     * without item data.
     */
    private Uni<List<Gathered>> hydrate(
            List<List<CandidateList>> variants, CandidateFilter filter, DegradedSources degraded) {
        List<CandidateList> all = variants.stream().flatMap(List::stream).toList();
        return catalogue
                .productsOf(all, config.timeouts().hydrate(), degraded)
                .map(byId -> variants.stream()
                        .map(lists -> byId == null ? new Gathered(lists, Map.of()) : kept(lists, byId, filter))
                        .toList());
    }

    private static Gathered kept(List<CandidateList> lists, Map<String, Product> byId, CandidateFilter filter) {
        List<CandidateList> kept = lists.stream()
                .map(list -> new CandidateList(
                        list.source(),
                        list.candidates().stream()
                                .filter(c -> byId.containsKey(c.id()) && filter.accepts(byId.get(c.id())))
                                .toList()))
                .toList();
        return new Gathered(kept, byId);
    }

    /** Fused items with their catalogue data; products the catalogue no longer has are left out. */
    private static List<RankedItem> rankedItems(List<FusedItem> fused, Gathered gathered, DegradedSources degraded) {
        List<RankedItem> items = new ArrayList<>();
        for (FusedItem item : fused) {
            Product product = gathered.products().get(item.id());
            if (product != null || degraded.contains(CandidateCatalogue.CATALOG)) {
                items.add(new RankedItem(
                        item.id(),
                        items.size(),
                        item.score(),
                        item.sources(),
                        item.explanation(),
                        RankedItem.shown(product)));
            }
        }
        return items;
    }

    /** The candidate lists as fusion sees them and the catalogue data of their products (empty without it). */
    private record Gathered(List<CandidateList> lists, Map<String, Product> products) {}
}
