package io.magpie.gateway.service;

import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.search.SearchHit;
import io.magpie.api.search.SearchResponse;
import io.magpie.api.search.SearchTotal;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.model.FusedRanking;
import io.magpie.gateway.model.RankedItem;
import io.magpie.gateway.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A storefront search or category listing as pages: the request's fused ranking (kept briefly, so every page
 * comes from the same one), filtered, sorted and cut into the asked page, with the total and the facet counts of
 * the whole ranking after filters.
 */
@ApplicationScoped
public class StorefrontSearch {

    private final SearchService search;
    private final BrowseService browse;
    private final RankingCache rankings;
    private final SearchFacetCounter facetCounter;

    private final ImpressionRecorder impressions;

    public StorefrontSearch(
            SearchService search,
            BrowseService browse,
            RankingCache rankings,
            ImpressionRecorder impressions,
            GatewayConfig config) {
        this.search = search;
        this.browse = browse;
        this.rankings = rankings;
        this.impressions = impressions;
        GatewayConfig.Facets facets = config.search().facets();
        this.facetCounter = new SearchFacetCounter(facets.priceBounds(), facets.maxBrands());
    }

    /** A page of the request's ranking, offered to the impressions log as the caller was served it. */
    public Uni<SearchResponse> search(StorefrontRequest request, Caller caller) {
        long start = System.nanoTime();
        RankingKey key = request.key();
        return rankings.get(key, () -> key.isBrowse() ? browse.rank(key) : search.rank(key))
                .map(ranking -> {
                    SearchResponse response = page(request, ranking, start);
                    impressions.recordFor(caller, () -> ServedLists.page(request, ranking, response));
                    return response;
                });
    }

    private SearchResponse page(StorefrontRequest request, FusedRanking ranking, long start) {
        if (request.fingerprint() != null && request.fingerprint() != ranking.fingerprint()) {
            String detail = "the ranking this cursor pages through is no longer kept and ranking again gave another "
                    + "order; start again from the first page";
            throw new ProblemException(410, "Gone", detail, List.of(new Problem.FieldError("cursor", detail)));
        }
        List<RankedItem> matching = ranking.items().stream()
                .filter(item -> request.filter().accepts(item.product()))
                .sorted(ResultOrder.of(request.sort()))
                .toList();
        int from = Math.min(request.offset(), matching.size());
        int to = Math.min(from + request.size(), matching.size());
        String next = to < matching.size()
                ? new SearchCursor(request.parameters(), to, ranking.fingerprint()).encode()
                : null;
        return new SearchResponse(
                UUID.randomUUID().toString(),
                request.key().isBrowse() ? null : request.parameters().q().strip(),
                matching.subList(from, to).stream().map(StorefrontSearch::hit).toList(),
                ranking.degraded(),
                (System.nanoTime() - start) / 1_000_000,
                request.offset() / request.size() + 1,
                request.size(),
                request.sort(),
                total(request.key(), ranking, matching.size()),
                request.facets() ? facetCounter.count(ranking.items(), request.filter()) : null,
                next);
    }

    private static SearchTotal total(RankingKey key, FusedRanking ranking, int matching) {
        String counted = key.isBrowse()
                ? "every product of the listing (popular lately, then up to " + ranking.depth()
                        + " of the category from the index) that passes the filters, counted one by one"
                : "every candidate of " + String.join(", ", key.sources()) + " (up to " + ranking.depth()
                        + " each), fused into one ranking, that passes the filters, counted one by one";
        return new SearchTotal(matching, true, ranking.items().size(), ranking.depth(), counted);
    }

    private static SearchHit hit(RankedItem item) {
        var product = item.product();
        if (product == null) {
            return SearchHit.unhydrated(item.id(), item.score(), item.sources());
        }
        return new SearchHit(
                item.id(),
                product.title(),
                product.brand(),
                product.category(),
                product.price(),
                product.currency(),
                product.available(),
                product.rating(),
                product.ratingCount(),
                product.imageUrl(),
                item.score(),
                item.sources(),
                item.explanation());
    }
}
