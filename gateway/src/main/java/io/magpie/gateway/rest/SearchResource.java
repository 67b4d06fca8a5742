package io.magpie.gateway.rest;

import io.magpie.api.fusion.CapturedFuseRequest;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Sources;
import io.magpie.api.search.QueryText;
import io.magpie.api.search.SearchResponse;
import io.magpie.api.security.ApiKeys;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.service.SearchQuery;
import io.magpie.gateway.service.SearchService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/search")
public class SearchResource {

    private final SearchService search;
    private final GatewayConfig config;
    private final ApiKeys trustedKeys;

    public SearchResource(SearchService search, GatewayConfig config) {
        this.search = search;
        this.config = config;
        this.trustedKeys = new ApiKeys(Stream.concat(
                        config.trustedKeys().orElse(List.of()).stream(), config.adminKeys().orElse(List.of()).stream())
                .toList());
    }

    @GET
    @Operation(
            summary = "Search the catalogue",
            description = "Candidates of all sources, fused; each item says which sources proposed it.")
    public Uni<RestResponse<SearchResponse>> search(
            @QueryParam("q") @NotBlank @Size(max = QueryText.MAX_LENGTH) String q,
            @QueryParam("size") @Min(1) @Max(100) Integer size,
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
                    @Size(max = 100)
                    String model,
            @Parameter(
                            description = "true: each hit carries the learned model's features and their contributions "
                                    + "(trusted keys only)")
                    @QueryParam("explain")
                    boolean explain,
            @Parameter(description = "category path prefix, levels joined with '>' (e.g. 'Electronics > Headphones')")
                    @QueryParam("category")
                    String category,
            @Parameter(description = "brand name; repeat the parameter for several brands (any of them)")
                    @QueryParam("brand")
                    List<String> brands,
            @Parameter(description = "lowest price, inclusive") @QueryParam("minPrice") String minPrice,
            @Parameter(description = "highest price, inclusive") @QueryParam("maxPrice") String maxPrice,
            @Parameter(description = "true: only products in stock") @QueryParam("inStock") String inStock,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if ((sources != null || strategy != null || model != null || explain) && !trustedKeys.accepts(authorization)) {
            throw new ProblemException(
                    403,
                    "Forbidden",
                    "choosing sources, strategy or model, or explain, needs a trusted key (Authorization: Bearer <key>)");
        }
        SearchQuery query = new SearchQuery(
                q.strip(),
                size == null ? config.search().defaultSize() : size,
                parseSources(sources),
                parseStrategy(strategy),
                SearchFilterParameters.parse(category, brands, minPrice, maxPrice, inStock),
                0,
                model == null || model.isBlank() ? null : model.strip(),
                explain);
        return search.search(query)
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
            @QueryParam("inStock") String inStock,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!trustedKeys.accepts(authorization)) {
            throw new ProblemException(
                    403, "Forbidden", "capturing fuse requests needs a trusted key (Authorization: Bearer <key>)");
        }
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

    private static Set<String> parseSources(String sources) {
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

    private static FusionStrategy parseStrategy(String strategy) {
        try {
            return strategy == null || strategy.isBlank() ? null : FusionStrategy.fromJson(strategy.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("strategy", e.getMessage());
        }
    }
}
