package io.magpie.gateway.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.fusion.PopularityClient;
import io.magpie.api.fusion.SourceContribution;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.DenseQuery;
import io.magpie.api.retrieval.RetrievalClient;
import io.magpie.gateway.client.BranchGuards;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.model.FusedRanking;
import io.magpie.gateway.model.RankedItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The ranking of a category listing (no query): the category's most popular products lately first (fusion-service's
 * decayed event counts, in the category and overall, kept when the catalogue puts them in the category), then the rest of the category, best rated first. The rest comes from the index: the
 * products of the category nearest its own name, as many as the search depth; so a listing covers at most
 * {@code candidates-per-source} products of a category besides the popular ones.
 */
@ApplicationScoped
public class BrowseService {

    static final String POPULAR = "popular";
    static final String CATEGORY = "category";

    private final QueryVectors queryVectors;
    private final RetrievalClient retrieval;
    private final CandidateCatalogue catalogue;
    private final PopularityClient popularity;
    private final GatewayConfig.Search config;
    private final MeterRegistry metrics;
    private final BranchGuards guards;

    public BrowseService(
            QueryVectors queryVectors,
            @RestClient RetrievalClient retrieval,
            CandidateCatalogue catalogue,
            @RestClient PopularityClient popularity,
            GatewayConfig config,
            MeterRegistry metrics,
            BranchGuards guards) {
        this.queryVectors = queryVectors;
        this.retrieval = retrieval;
        this.catalogue = catalogue;
        this.popularity = popularity;
        this.config = config.search();
        this.metrics = metrics;
        this.guards = guards;
    }

    public Uni<FusedRanking> rank(RankingKey key) {
        DegradedSources degraded = new DegradedSources(metrics, guards);
        CandidateFilter inCategory = new CandidateFilter(key.category(), null, null, null, null);
        int depth = config.candidatesPerSource();
        // per category, and overall filtered here by the catalogue's category: an event stored while the
        // catalogue did not answer has no category in fusion-service, but still counts overall
        Uni<CandidateList> popular = Uni.combine()
                .all()
                .unis(
                        degraded.guard(
                                POPULAR,
                                config.timeouts().fusion(),
                                () -> popularity.popular(key.category(), depth),
                                CandidateList.empty(POPULAR)),
                        degraded.guard(
                                POPULAR,
                                config.timeouts().fusion(),
                                () -> popularity.popular(null, depth),
                                CandidateList.empty(POPULAR)))
                .with(lists -> mostPopular((CandidateList) lists.get(0), (CandidateList) lists.get(1)));
        Uni<CandidateList> listed = degraded.guard(
                        SearchService.ENCODER,
                        config.timeouts().encode(),
                        () -> queryVectors.encode(key.category()),
                        null)
                .flatMap(vector -> vector == null
                        ? Uni.createFrom().item(CandidateList.empty(CATEGORY))
                        : degraded.guard(
                                CATEGORY,
                                config.timeouts().dense(),
                                () -> retrieval.dense(new DenseQuery(vector, depth, inCategory)),
                                CandidateList.empty(CATEGORY)));
        return Uni.combine().all().unis(popular, listed).asTuple().flatMap(lists -> {
            boolean listingFailed = degraded.contains(CATEGORY) || degraded.contains(SearchService.ENCODER);
            if (listingFailed && degraded.contains(POPULAR)) {
                throw new ProblemException(
                        503, "Service unavailable", "no listing source answered; degraded: " + degraded.sorted());
            }
            return hydrate(lists.getItem1(), lists.getItem2(), inCategory, degraded, depth);
        });
    }

    /** Both lists by decayed popularity (one scale), each product once at its highest score. */
    private static CandidateList mostPopular(CandidateList inCategory, CandidateList overall) {
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (Candidate candidate : inCategory.candidates()) {
            best.merge(candidate.id(), candidate, (a, b) -> a.score() >= b.score() ? a : b);
        }
        for (Candidate candidate : overall.candidates()) {
            best.merge(candidate.id(), candidate, (a, b) -> a.score() >= b.score() ? a : b);
        }
        return new CandidateList(
                POPULAR,
                best.values().stream()
                        .sorted(Comparator.comparingDouble(Candidate::score)
                                .reversed()
                                .thenComparing(Candidate::id))
                        .toList());
    }

    private Uni<FusedRanking> hydrate(
            CandidateList popular,
            CandidateList listed,
            CandidateFilter inCategory,
            DegradedSources degraded,
            int depth) {
        return catalogue
                .productsOf(List.of(popular, listed), config.timeouts().hydrate(), degraded)
                .map(byId -> {
                    if (byId == null) {
                        throw new ProblemException(
                                503, "Service unavailable", "the catalogue did not answer a category listing");
                    }
                    return FusedRanking.of(order(popular, listed, byId, inCategory), degraded.sorted(), depth);
                });
    }

    /** Popular products first by popularity, then the others by rating, number of ratings and id. */
    private static List<RankedItem> order(
            CandidateList popular, CandidateList listed, Map<String, Product> byId, CandidateFilter inCategory) {
        List<RankedItem> items = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        int rank = 0;
        for (Candidate candidate : popular.candidates()) {
            rank++;
            Product product = byId.get(candidate.id());
            if (product != null && inCategory.accepts(product) && placed.add(candidate.id())) {
                items.add(item(candidate.id(), items.size(), candidate.score(), POPULAR, rank, product));
            }
        }
        List<Product> rest = listed.candidates().stream()
                .map(c -> byId.get(c.id()))
                .filter(p -> p != null && inCategory.accepts(p) && !placed.contains(p.id()))
                .distinct()
                .sorted(Comparator.comparing(Product::rating, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
                        .thenComparing(Product::ratingCount, Comparator.nullsLast(Comparator.<Integer>reverseOrder()))
                        .thenComparing(Product::id))
                .toList();
        rank = 0;
        for (Product product : rest) {
            rank++;
            items.add(item(product.id(), items.size(), 0, CATEGORY, rank, product));
        }
        return items;
    }

    private static RankedItem item(String id, int position, double score, String source, int rank, Product product) {
        return new RankedItem(
                id,
                position,
                score,
                List.of(new SourceContribution(source, rank, score)),
                null,
                RankedItem.shown(product));
    }
}
