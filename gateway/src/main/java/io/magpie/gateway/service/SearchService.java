package io.magpie.gateway.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncoderClient;
import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.FusionClient;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.graph.KnowledgeGraphClient;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.DenseQuery;
import io.magpie.api.retrieval.LexicalQuery;
import io.magpie.api.retrieval.RetrievalClient;
import io.magpie.api.retrieval.Sources;
import io.magpie.api.search.SearchHit;
import io.magpie.api.search.SearchResponse;
import io.magpie.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One search: encodes the query, asks every requested source for candidates in parallel, fuses them and
 * hydrates the winners from the catalogue. Each branch has its own timeout; a branch that fails or is slow
 * is left out and named in {@code degraded} instead of failing the search.
 */
@ApplicationScoped
public class SearchService {

    static final String ENCODER = "encoder";
    static final String FUSION = "fusion";
    static final String CATALOG = "catalog";

    private final EncoderClient encoder;
    private final RetrievalClient retrieval;
    private final KnowledgeGraphClient graph;
    private final FusionClient fusion;
    private final GatewayConfig.Search config;
    private final MeterRegistry metrics;
    private final ReciprocalRankFusion fallbackFusion = new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K);

    public SearchService(@RestClient EncoderClient encoder, @RestClient RetrievalClient retrieval,
                         @RestClient KnowledgeGraphClient graph, @RestClient FusionClient fusion,
                         GatewayConfig config, MeterRegistry metrics) {
        this.encoder = encoder;
        this.retrieval = retrieval;
        this.graph = graph;
        this.fusion = fusion;
        this.config = config.search();
        this.metrics = metrics;
    }

    public Uni<SearchResponse> search(SearchQuery query) {
        long start = System.nanoTime();
        DegradedSources degraded = new DegradedSources(metrics);
        GatewayConfig.Timeouts timeouts = config.timeouts();
        int k = Math.max(config.candidatesPerSource(), query.size());

        boolean needDense = query.sources().contains(Sources.DENSE) || query.sources().contains(Sources.GRAPH);
        Uni<CandidateList> dense = needDense
                ? encodeQuery(query.text(), degraded).flatMap(vector -> vector == null
                        ? Uni.createFrom().item(degradedBecauseOfEncoder(Sources.DENSE, degraded))
                        : degraded.guard(Sources.DENSE, timeouts.dense(),
                                () -> retrieval.dense(new DenseQuery(vector, k, query.filter())),
                                CandidateList.empty(Sources.DENSE)))
                .memoize().indefinitely()
                : Uni.createFrom().item(CandidateList.empty(Sources.DENSE));
        Uni<CandidateList> lexical = query.sources().contains(Sources.LEXICAL)
                ? degraded.guard(Sources.LEXICAL, timeouts.lexical(),
                        () -> retrieval.lexical(new LexicalQuery(query.text(), k, query.filter())),
                        CandidateList.empty(Sources.LEXICAL))
                : Uni.createFrom().item(CandidateList.empty(Sources.LEXICAL));
        Uni<CandidateList> expanded = query.sources().contains(Sources.GRAPH)
                ? dense.flatMap(hits -> expand(query.text(), hits, k, degraded))
                : Uni.createFrom().item(CandidateList.empty(Sources.GRAPH));

        return Uni.combine().all().unis(dense, lexical, expanded).asTuple()
                .map(lists -> List.of(lists.getItem1(), lists.getItem2(), lists.getItem3()).stream()
                        .filter(list -> query.sources().contains(list.source()))
                        .toList())
                .invoke(lists -> failIfNoSourceAnswered(query, degraded))
                .flatMap(lists -> fuse(lists, query, degraded))
                .flatMap(fused -> hydrate(fused, query.filter(), degraded))
                .map(hits -> new SearchResponse(UUID.randomUUID().toString(), query.text(), hits, degraded.sorted(),
                        (System.nanoTime() - start) / 1_000_000));
    }

    /** The query vector, or null when the encoder failed (the branch is then degraded). */
    private Uni<float[]> encodeQuery(String text, DegradedSources degraded) {
        return degraded.guard(ENCODER, config.timeouts().encode(),
                () -> encoder.encode(EncodeRequest.queries(List.of(text))).map(r -> r.vectors().get(0)), null);
    }

    private static CandidateList degradedBecauseOfEncoder(String source, DegradedSources degraded) {
        degraded.add(source);
        return CandidateList.empty(source);
    }

    /**
     * Graph candidates for the brands, categories and attributes the query text names, and for the best dense hits
     * as seeds. Without dense hits (none, or the dense branch failed) the text alone still finds candidates.
     */
    private Uni<CandidateList> expand(String text, CandidateList denseHits, int k, DegradedSources degraded) {
        List<String> seeds = denseHits.candidates().stream().limit(config.graphSeeds()).map(Candidate::id).toList();
        String named = text.length() > ExpandRequest.MAX_QUERY_LENGTH
                ? text.substring(0, ExpandRequest.MAX_QUERY_LENGTH) : text;
        return degraded.guard(Sources.GRAPH, config.timeouts().graph(),
                () -> graph.expand(new ExpandRequest(named, seeds, null, k)), CandidateList.empty(Sources.GRAPH));
    }

    private static void failIfNoSourceAnswered(SearchQuery query, DegradedSources degraded) {
        if (query.sources().stream().allMatch(degraded::contains)) {
            throw new ProblemException(503, "Service unavailable",
                    "no candidate source answered; degraded: " + degraded.sorted());
        }
    }

    /** Fused by fusion-service, or by local RRF when it cannot answer in time. */
    private Uni<List<FusedItem>> fuse(List<CandidateList> lists, SearchQuery query, DegradedSources degraded) {
        return degraded.guard(FUSION, config.timeouts().fusion(),
                        () -> fusion.fuse(new FuseRequest(query.strategy(), lists, query.size())).map(FuseResponse::items),
                        null)
                .map(items -> items != null ? items : fallbackFusion.fuse(lists, query.size()));
    }

    /**
     * Products for the fused ids in one catalogue call; without the catalogue the hits carry ids and scores only.
     * Dense and lexical candidates were filtered by the index, graph candidates were not: with a filter, a hit must
     * also pass it on its catalogue data.
     */
    private Uni<List<SearchHit>> hydrate(List<FusedItem> fused, CandidateFilter filter, DegradedSources degraded) {
        if (fused.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = fused.stream().map(FusedItem::id).toList();
        return degraded.guard(CATALOG, config.timeouts().hydrate(), () -> retrieval.products(ids), List.<Product>of())
                .map(products -> {
                    Map<String, Product> byId = products.stream()
                            .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a));
                    return fused.stream()
                            // A product deleted since it was indexed is dropped, unless the catalogue is unreachable.
                            .filter(item -> byId.containsKey(item.id()) || degraded.contains(CATALOG))
                            .filter(item -> !byId.containsKey(item.id()) || filter.accepts(byId.get(item.id())))
                            .map(item -> toHit(item, byId.get(item.id())))
                            .toList();
                });
    }

    private static SearchHit toHit(FusedItem item, Product product) {
        if (product == null) {
            return new SearchHit(item.id(), null, null, null, null, item.score(), item.sources());
        }
        return new SearchHit(item.id(), product.title(), product.brand(), product.category(), product.price(),
                item.score(), item.sources());
    }
}
