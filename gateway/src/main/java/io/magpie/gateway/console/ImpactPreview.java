package io.magpie.gateway.console;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.graph.admin.ExpansionPreview;
import io.magpie.api.graph.admin.ExpansionPreviewRequest;
import io.magpie.api.graph.admin.RelationInput;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.recs.RecommendationResponse;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.Sources;
import io.magpie.gateway.model.FusedRanking;
import io.magpie.gateway.model.RankedItem;
import io.magpie.gateway.service.RankingKey;
import io.magpie.gateway.service.RecommendationService;
import io.magpie.gateway.service.SearchService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What a pending graph edit does to searches and recommendations (docs/adr/0023): each ranking is computed by the
 * serving code twice, once with the graph's candidates as they are and once with the candidates kg-service computes
 * with the edit written in a transaction it rolls back; every other source is asked once and the same fusion ranks
 * both. Nothing goes through the storefront's ranking cache, no request id is handed out (so no event can count as
 * shopper traffic), and nothing is written anywhere.
 */
@ApplicationScoped
public class ImpactPreview {

    /** Queries, products or users one preview may rank: each costs a search or recommendation and a graph preview. */
    public static final int MAX_SUBJECTS = 5;

    private final SearchService search;
    private final RecommendationService recommendations;
    private final GraphConsole graph;

    public ImpactPreview(SearchService search, RecommendationService recommendations, GraphConsole graph) {
        this.search = search;
        this.recommendations = recommendations;
        this.graph = graph;
    }

    /** The default storefront search of each query (every source, default strategy and model). */
    public Uni<List<RankingComparison>> searches(ConsoleSession user, RelationInput relation, List<String> queries) {
        return each(queries, query -> {
            String subject = "Search \"" + query + "\"";
            GraphVariants variants = new GraphVariants(user, relation);
            return search.rankVariants(RankingKey.search(query, Sources.ALL, null, null, false), variants)
                    .map(rankings -> RankingComparison.of(
                            subject,
                            searchEntries(rankings.get(0), variants.reasons(true)),
                            searchEntries(rankings.get(1), variants.reasons(false)),
                            rankings.get(0).degraded()))
                    .onFailure()
                    .recoverWithItem(failure -> refused(subject, failure));
        });
    }

    /** Products like each product (content, collaborative and graph); names: the products' titles by id. */
    public Uni<List<RankingComparison>> similarProducts(
            ConsoleSession user, RelationInput relation, List<String> productIds, Map<String, String> names) {
        return each(
                productIds,
                id -> recommended(
                        "Products like " + names.getOrDefault(id, id),
                        variants -> recommendations.similarToVariants(id, RankingComparison.SHOWN, variants),
                        user,
                        relation));
    }

    /** Each user's recommendations, as the storefront asks for them. */
    public Uni<List<RankingComparison>> userRecommendations(
            ConsoleSession user, RelationInput relation, List<String> userIds) {
        return each(
                userIds,
                id -> recommended(
                        "Recommendations for user " + id,
                        variants -> recommendations.forUserVariants(id, RankingComparison.SHOWN, variants),
                        user,
                        relation));
    }

    private Uni<RankingComparison> recommended(
            String subject,
            Function<GraphVariants, Uni<List<RecommendationResponse>>> rank,
            ConsoleSession user,
            RelationInput relation) {
        GraphVariants variants = new GraphVariants(user, relation);
        return rank.apply(variants)
                .map(answers -> variants.asked()
                        ? RankingComparison.of(
                                subject,
                                recommendedEntries(answers.get(0), variants.reasons(true)),
                                recommendedEntries(answers.get(1), variants.reasons(false)),
                                answers.get(0).degraded())
                        : RankingComparison.notPreviewable(subject, whyNoGraph(answers.get(0))))
                .onFailure()
                .recoverWithItem(failure -> refused(subject, failure));
    }

    private static String whyNoGraph(RecommendationResponse answer) {
        return answer.degraded().contains(RecommendationService.PROFILE)
                ? "No preview: the user's history could not be read (the profile did not answer), so the graph was "
                        + "not asked."
                : "The graph does not contribute here (no history to start from), so the edit cannot change this "
                        + "ranking.";
    }

    /** One after another: each graph preview locks the relation's ends for its transaction. */
    private static Uni<List<RankingComparison>> each(
            List<String> subjects, Function<String, Uni<RankingComparison>> compare) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom()
                .iterable(subjects)
                .onItem()
                .transformToUniAndConcatenate(compare::apply)
                .collect()
                .asList();
    }

    private static RankingComparison refused(String subject, Throwable failure) {
        String why = failure instanceof PreviewRefused refused
                ? refused.outcome.message()
                : failure instanceof ProblemException problem ? problem.getMessage() : "the preview failed";
        return RankingComparison.notPreviewable(subject, "No preview: " + why);
    }

    private static List<RankingComparison.Entry> searchEntries(FusedRanking ranking, Map<String, String> reasons) {
        return ranking.items().stream()
                .map(item -> new RankingComparison.Entry(item.id(), title(item), reasons.get(item.id())))
                .toList();
    }

    private static String title(RankedItem item) {
        return item.product() == null ? null : item.product().title();
    }

    private static List<RankingComparison.Entry> recommendedEntries(
            RecommendationResponse answer, Map<String, String> reasons) {
        return answer.items().stream()
                .map(item -> new RankingComparison.Entry(item.id(), item.title(), reasons.get(item.id())))
                .toList();
    }

    /**
     * The graph's candidates without and with the edit, from kg-service's preview (with the user's admin key); keeps
     * the two lists' reasons to explain the moves. A refusal (the relation exists, an end is missing) fails the
     * comparison rather than showing the graph as it is.
     */
    private final class GraphVariants implements Function<ExpandRequest, Uni<List<CandidateList>>> {

        private final ConsoleSession user;
        private final RelationInput relation;
        private final AtomicReference<ExpansionPreview.Comparison> comparison = new AtomicReference<>();

        GraphVariants(ConsoleSession user, RelationInput relation) {
            this.user = user;
            this.relation = relation;
        }

        @Override
        public Uni<List<CandidateList>> apply(ExpandRequest request) {
            return graph.previewExpansions(user, new ExpansionPreviewRequest(relation, List.of(request)))
                    .map(outcome -> {
                        if (!outcome.ok()) {
                            throw new PreviewRefused(outcome);
                        }
                        ExpansionPreview.Comparison found =
                                outcome.value().expansions().get(0);
                        comparison.set(found);
                        return List.of(found.before(), found.after());
                    });
        }

        boolean asked() {
            return comparison.get() != null;
        }

        Map<String, String> reasons(boolean before) {
            Map<String, String> reasons = new HashMap<>();
            ExpansionPreview.Comparison found = comparison.get();
            if (found != null) {
                for (Candidate candidate : (before ? found.before() : found.after()).candidates()) {
                    reasons.put(candidate.id(), candidate.reason());
                }
            }
            return reasons;
        }
    }

    private static final class PreviewRefused extends RuntimeException {

        private final transient ApiOutcome<?> outcome;

        PreviewRefused(ApiOutcome<?> outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }
    }
}
