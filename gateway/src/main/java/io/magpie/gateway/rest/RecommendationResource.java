package io.magpie.gateway.rest;

import io.magpie.api.impressions.ServedList;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.recs.RecommendationRequest;
import io.magpie.api.recs.RecommendationResponse;
import io.magpie.gateway.config.RecommendationsConfig;
import io.magpie.gateway.security.Caller;
import io.magpie.gateway.service.ImpressionRecorder;
import io.magpie.gateway.service.RecommendationService;
import io.magpie.gateway.service.ServedLists;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recommendations for shoppers, with an account or a history, each item with its reasons. */
@Path("/api/v1")
@Tag(name = "Recommendations", description = "Co-occurrence, content, collaborative and graph candidates, ranked")
public class RecommendationResource {

    private final RecommendationService recommendations;
    private final RecommendationsConfig config;

    private final ImpressionRecorder impressions;

    public RecommendationResource(
            RecommendationService recommendations, RecommendationsConfig config, ImpressionRecorder impressions) {
        this.recommendations = recommendations;
        this.config = config;
        this.impressions = impressions;
    }

    @GET
    @Path("/users/{userId}/recommendations")
    @Operation(
            summary = "Recommendations for a user",
            description = "From the user's recent events: items bought or viewed together with them, similar items, "
                    + "collaborative neighbours, complements from the graph, popular items; ranked by fusion-service. "
                    + "Products the user bought are left out unless includePurchased=true. A user without events gets "
                    + "popular items (within the category when one is given). Each item says why.")
    public Uni<RecommendationResponse> forUser(
            @PathParam("userId") String userId,
            @Parameter(description = "how many, 1 to 100 (default 10)") @QueryParam("size") String size,
            @Parameter(description = "only this category path (levels joined with ' > ') or below it")
                    @QueryParam("category")
                    String category,
            @Parameter(description = "products not to recommend (repeat the parameter, at most 100)")
                    @QueryParam("exclude")
                    List<String> exclude,
            @Parameter(description = "true: bought products may be recommended again") @QueryParam("includePurchased")
                    String includePurchased,
            @Parameter(
                            description = "comma-separated sources (trusted keys only): "
                                    + "cooccurrence,collaborative,similar,graph,popularity")
                    @QueryParam("sources")
                    String sources,
            RoutingContext routing) {
        FieldErrors errors = new FieldErrors();
        RecommendationParameters.checkId(errors, "userId", userId);
        int wanted = RecommendationParameters.size(errors, size, config.defaultSize());
        String path = RecommendationParameters.category(errors, category);
        Set<String> excluded =
                RecommendationParameters.ids(errors, "exclude", exclude, RecommendationParameters.MAX_EXCLUDED);
        boolean again = "true".equalsIgnoreCase(includePurchased);
        if (includePurchased != null && !again && !"false".equalsIgnoreCase(includePurchased)) {
            errors.add("includePurchased", "must be true or false");
        }
        Set<String> chosen = sources(errors, sources, routing);
        errors.throwIfAny();
        return recommendations
                .forUser(userId.strip(), wanted, path, excluded, chosen, again)
                .invoke(served -> logged(routing, served, userId.strip()));
    }

    @POST
    @Path("/recommendations")
    @Operation(
            summary = "Recommendations for a shopper without an account",
            description = "From a history of product ids, most recent first (at most 50); the history is left out.")
    public Uni<RecommendationResponse> forHistory(
            RecommendationRequest request,
            @Parameter(description = "comma-separated sources (trusted keys only)") @QueryParam("sources")
                    String sources,
            RoutingContext routing) {
        FieldErrors errors = new FieldErrors();
        if (request == null) {
            throw ProblemException.badRequest("the body must be a JSON object with a history");
        }
        List<String> history = List.of();
        if (request.history() == null || request.history().isEmpty()) {
            errors.add("history", "must hold 1 to " + RecommendationRequest.MAX_HISTORY + " product ids");
        } else if (request.history().size() > RecommendationRequest.MAX_HISTORY) {
            errors.add("history", "must hold at most " + RecommendationRequest.MAX_HISTORY + " product ids");
        } else {
            history = List.copyOf(RecommendationParameters.ids(
                    errors, "history", request.history(), RecommendationRequest.MAX_HISTORY));
        }
        int wanted = request.size() == null ? config.defaultSize() : request.size();
        if (wanted < 1 || wanted > RecommendationParameters.MAX_SIZE) {
            errors.add("size", "must be 1 to " + RecommendationParameters.MAX_SIZE);
        }
        String path = RecommendationParameters.category(errors, request.category());
        Set<String> excluded = RecommendationParameters.ids(
                errors, "exclude", request.exclude(), RecommendationParameters.MAX_EXCLUDED);
        Set<String> chosen = sources(errors, sources, routing);
        errors.throwIfAny();
        return recommendations
                .forHistory(history, wanted, path, excluded, chosen)
                .invoke(served -> logged(routing, served, null));
    }

    private void logged(RoutingContext routing, RecommendationResponse served, String userId) {
        impressions.recordFor(
                Caller.of(routing),
                () -> ServedLists.recommendations(ServedList.RECOMMENDATIONS, served, userId, null));
    }

    private Set<String> sources(FieldErrors errors, String sources, RoutingContext routing) {
        if (sources == null) {
            return Set.copyOf(RecommendationService.SOURCES);
        }
        if (!Caller.of(routing).trusted()) {
            throw new ProblemException(
                    403, "Forbidden", "choosing sources needs a trusted key (Authorization: Bearer <key>)");
        }
        Set<String> chosen = Arrays.stream(sources.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        if (chosen.isEmpty() || !RecommendationService.SOURCES.containsAll(chosen)) {
            errors.add("sources", "must name some of " + String.join(",", RecommendationService.SOURCES));
        }
        return chosen;
    }
}
