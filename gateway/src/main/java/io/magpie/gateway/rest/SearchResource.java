package io.magpie.gateway.rest;

import io.magpie.api.fusion.CapturedFuseRequest;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Sources;
import io.magpie.api.search.QueryText;
import io.magpie.api.search.SearchResponse;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.security.Caller;
import io.magpie.gateway.service.SearchCursor;
import io.magpie.gateway.service.SearchParameters;
import io.magpie.gateway.service.SearchQuery;
import io.magpie.gateway.service.SearchService;
import io.magpie.gateway.service.StorefrontRequest;
import io.magpie.gateway.service.StorefrontSearch;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/search")
public class SearchResource {

    /** A store's call and the start of its answer, for the OpenAPI document. */
    static final String EXAMPLE = """
            {"requestId": "3f6c1e0a-7d4b-4a53-9f0e-2b8c5d1a9e47", "query": "paper towels",
             "items": [{"id": "B07KXQX3S3", "title": "Bounty Select-A-Size Paper Towels, 12 Double Rolls",
               "brand": "Bounty", "category": ["Health & Household", "Household Supplies", "Paper Towels"],
               "price": 31.99, "currency": "USD", "inStock": true, "rating": 4.8, "ratingCount": 51234,
               "image": "https://images.example.com/B07KXQX3S3.jpg", "score": 0.87,
               "sources": [{"source": "lexical", "rank": 1, "contribution": 0.5},
                           {"source": "dense", "rank": 2, "contribution": 0.37}]}],
             "degraded": [], "tookMs": 143, "page": 1, "size": 10, "sort": "relevance",
             "total": {"value": 96, "exact": true, "candidates": 214, "depth": 100,
               "countedOver": "every candidate of dense, graph, lexical (up to 100 each), fused into one ranking, that passes the filters, counted one by one"},
             "facets": {
               "categories": [{"name": "Health & Household", "path": "Health & Household", "count": 96,
                 "selected": false, "children": [{"name": "Household Supplies",
                 "path": "Health & Household > Household Supplies", "count": 90, "selected": false}]}],
               "brands": [{"value": "Bounty", "count": 21, "selected": false},
                          {"value": "Viva", "count": 12, "selected": false}],
               "prices": [{"value": "0-10", "min": 0, "max": 10, "count": 14, "selected": false},
                          {"value": "10-25", "min": 10, "max": 25, "count": 51, "selected": false}],
               "ratings": [{"minRating": 4, "count": 80, "selected": false}],
               "inStock": {"inStock": 96, "outOfStock": 7}},
             "nextCursor": "eyJwYXJhbWV0ZXJzIjp7InEiOiJwYXBlciB0b3dlbHMiLCJpblN0b2NrIjoidHJ1ZSJ9LCJvZmZzZXQiOjEwfQ"}
            """;

    private final SearchService search;
    private final StorefrontSearch storefront;
    private final GatewayConfig config;

    public SearchResource(SearchService search, StorefrontSearch storefront, GatewayConfig config) {
        this.search = search;
        this.storefront = storefront;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "Search the catalogue, or list a category",
            description = "One page of the fused ranking of every source's candidates, with the total and facet "
                    + "counts over the whole candidate set after filters. Without q, a category listing: most "
                    + "popular lately first, then best rated. Filters, sort and pages are views of one ranking, "
                    + "kept for magpie.gateway.search.ranking-cache.expiry, so pages never overlap or skip items "
                    + "while it is kept; nextCursor pages on through exactly that ranking (410 once it is gone and "
                    + "ranking again gives another order).")
    @APIResponse(
            responseCode = "200",
            description = "a page of items, the total, facets and the cursor of the next page",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SearchResponse.class),
                            examples = @ExampleObject(name = "page 1 of 'paper towels' in stock", value = EXAMPLE)))
    public Uni<RestResponse<SearchResponse>> search(
            @Parameter(description = "the shopper's query; absent for a category listing", example = "paper towels")
                    @QueryParam("q")
                    String q,
            @Parameter(description = "items per page, 1 to 100; default magpie.gateway.search.default-size (10)")
                    @QueryParam("size")
                    Integer size,
            @Parameter(description = "page number, 1-based (1 to 1000)") @QueryParam("page") Integer page,
            @Parameter(
                            description = "the nextCursor of the previous page: pages on through the same ranking; the "
                                    + "other parameters are then taken from it")
                    @QueryParam("cursor")
                    String cursor,
            @Parameter(description = "relevance (default), price_asc, price_desc, rating, newest") @QueryParam("sort")
                    String sort,
            @Parameter(description = "false: no facet counts") @QueryParam("facets") Boolean facets,
            @Parameter(
                            description = "comma-separated candidate sources; default all: dense,lexical,graph "
                                    + "(trusted keys only)")
                    @QueryParam("sources")
                    String sources,
            @Parameter(
                            description = "fusion strategy: rrf, weighted, max or model; default the fusion service's "
                                    + "(the active model, else its best fixed strategy) (trusted keys only)")
                    @QueryParam("strategy")
                    String strategy,
            @Parameter(
                            description =
                                    "with strategy=model: the model version; default the active one (trusted keys only)")
                    @QueryParam("model")
                    String model,
            @Parameter(
                            description = "true: each hit carries the learned model's features and their contributions "
                                    + "(trusted keys only)")
                    @QueryParam("explain")
                    Boolean explain,
            @Parameter(
                            description = "category path prefix, levels joined with '>' (e.g. 'Electronics > "
                                    + "Headphones'); without q the category to list")
                    @QueryParam("category")
                    String category,
            @Parameter(description = "brand name; repeat the parameter for several brands (any of them)")
                    @QueryParam("brand")
                    List<String> brands,
            @Parameter(
                            description = "a price bucket of the price facet, e.g. '10-25' (10 to under 25) or '500-'; "
                                    + "repeat for several (any of them)")
                    @QueryParam("price")
                    List<String> prices,
            @Parameter(description = "lowest price, inclusive") @QueryParam("minPrice") String minPrice,
            @Parameter(description = "highest price, inclusive") @QueryParam("maxPrice") String maxPrice,
            @Parameter(description = "lowest average rating, 0 to 5 (the rating facet offers 4, 3, 2, 1)")
                    @QueryParam("minRating")
                    String minRating,
            @Parameter(description = "true: only products in stock") @QueryParam("inStock") String inStock,
            RoutingContext routing) {
        SearchParameters parameters;
        StorefrontRequest request;
        if (cursor != null && !cursor.isBlank()) {
            SearchCursor next = SearchCursor.decode(cursor);
            parameters = next.parameters();
            request = StorefrontRequestParser.parse(
                    parameters,
                    1,
                    next.offset(),
                    next.fingerprint(),
                    config.search().defaultSize());
        } else {
            parameters = new SearchParameters(
                    q, size, sort, category, brands, prices, minPrice, maxPrice, minRating, inStock, facets, sources,
                    strategy, model, explain);
            request = StorefrontRequestParser.parse(
                    parameters,
                    page == null ? 1 : page,
                    0,
                    null,
                    config.search().defaultSize());
        }
        boolean choosesRanking = parameters.sources() != null
                || parameters.strategy() != null
                || parameters.model() != null
                || parameters.explained();
        Caller caller = Caller.of(routing);
        if (choosesRanking && !caller.trusted()) {
            throw new ProblemException(
                    403,
                    "Forbidden",
                    "choosing sources, strategy or model, or explain, needs a trusted key (Authorization: Bearer <key>)");
        }
        return storefront
                .search(request, caller)
                .map(response -> RestResponse.ResponseBuilder.ok(response)
                        .header("X-Request-Id", response.requestId())
                        .build());
    }

    @GET
    @Path("/fuse-request")
    @Operation(
            summary = "The fuse request a search would send (trusted keys)",
            description = "Runs the search path up to fusion (every source at the given depth, the catalogue data of "
                    + "all candidates) and answers the request fusion-service would receive, without fusing. "
                    + "Labelled with graded relevance it is a training example whose features are serving's.")
    public Uni<CapturedFuseRequest> fuseRequest(
            @QueryParam("q") @NotBlank @Size(max = QueryText.MAX_LENGTH) String q,
            @Parameter(description = "candidates asked of each source; default the configured number")
                    @QueryParam("depth")
                    @Min(1)
                    @Max(300)
                    Integer depth,
            @QueryParam("size") @Min(1) @Max(100) Integer size,
            @Parameter(description = "comma-separated candidate sources; default all") @QueryParam("sources")
                    String sources,
            @QueryParam("category") String category,
            @QueryParam("brand") List<String> brands,
            @QueryParam("minPrice") String minPrice,
            @QueryParam("maxPrice") String maxPrice,
            @QueryParam("inStock") String inStock) {
        // trusted keys only: KeyScopeFilter
        SearchQuery query = new SearchQuery(
                q.strip(),
                size == null ? config.search().defaultSize() : size,
                parseSources(sources),
                null,
                SearchFilterParameters.parse(category, brands, minPrice, maxPrice, inStock),
                depth == null ? 0 : depth,
                null,
                false);
        return search.captureFuseRequest(query);
    }

    static Set<String> parseSources(String sources) {
        if (sources == null || sources.isBlank()) {
            return Set.copyOf(Sources.ALL);
        }
        Set<String> parsed = new LinkedHashSet<>();
        for (String source : Arrays.stream(sources.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList()) {
            if (!Sources.ALL.contains(source)) {
                throw ProblemException.invalidField(
                        "sources", "unknown source '" + source + "'; known: " + Sources.ALL);
            }
            parsed.add(source);
        }
        if (parsed.isEmpty()) {
            throw ProblemException.invalidField("sources", "name at least one source of " + Sources.ALL);
        }
        return parsed;
    }

    static FusionStrategy parseStrategy(String strategy) {
        try {
            return strategy == null || strategy.isBlank() ? null : FusionStrategy.fromJson(strategy.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("strategy", e.getMessage());
        }
    }
}
