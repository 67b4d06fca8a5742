package io.magpie.gateway.service;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.catalog.Product;
import io.magpie.api.fusion.FuseResponse;
import io.magpie.api.fusion.FusedItem;
import io.magpie.api.fusion.ReciprocalRankFusion;
import io.magpie.api.fusion.SourceContribution;
import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.graph.KnowledgeGraphClient;
import io.magpie.api.recs.CooccurrenceQuery;
import io.magpie.api.recs.ProfileItem;
import io.magpie.api.recs.RecommendationRankRequest;
import io.magpie.api.recs.RecommendationResponse;
import io.magpie.api.recs.RecommendationsClient;
import io.magpie.api.recs.RecommendedItem;
import io.magpie.api.recs.SignalsStatus;
import io.magpie.api.recs.UserProfile;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.HistoryQuery;
import io.magpie.api.retrieval.RetrievalClient;
import io.magpie.api.retrieval.SimilarQuery;
import io.magpie.api.retrieval.Sources;
import io.magpie.gateway.client.BranchGuards;
import io.magpie.gateway.config.RecommendationsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Recommendations: the sources are asked in parallel from a shopper's recent items (co-occurrence, content
 * similarity of the most recent ones, collaborative vectors, the graph's complements of recent purchases, and
 * popularity), the candidates are read from the catalogue, the excluded and out-of-category ones dropped, and
 * fusion-service ranks the rest with its recommendation weights. Each item carries the reasons its sources gave. A
 * source that fails or is slow is left out and named in {@code degraded}; without fusion-service the lists are merged
 * locally with reciprocal rank fusion.
 */
@ApplicationScoped
public class RecommendationService {

    /** Every candidate source of recommendations, in the order reasons are preferred when contributions tie. */
    public static final List<String> SOURCES =
            List.of(Sources.COOCCURRENCE, Sources.COLLABORATIVE, Sources.SIMILAR, Sources.GRAPH, Sources.POPULARITY);

    /** Recommendation branches that failed or timed out, by branch (search counts its own). */
    static final String DEGRADED_METRIC = "magpie.recommendations.degraded";

    /** The branch name a failed or slow profile read is reported under in {@code degraded}. */
    public static final String PROFILE = "profile";

    static final String RANKING = "fusion";

    private final RecommendationsClient signals;
    private final RetrievalClient retrieval;
    private final CandidateCatalogue catalogue;
    private final KnowledgeGraphClient graph;
    private final RecommendationsConfig config;
    private final MeterRegistry metrics;
    private final BranchGuards guards;
    private final ReciprocalRankFusion fallbackRanking = new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K);

    public RecommendationService(
            @RestClient RecommendationsClient signals,
            @RestClient RetrievalClient retrieval,
            CandidateCatalogue catalogue,
            @RestClient KnowledgeGraphClient graph,
            RecommendationsConfig config,
            MeterRegistry metrics,
            BranchGuards guards) {
        this.signals = signals;
        this.retrieval = retrieval;
        this.catalogue = catalogue;
        this.graph = graph;
        this.config = config;
        this.metrics = metrics;
        this.guards = guards;
    }

    /**
     * For a user with an account: their profile gives the history (its purchases are left out unless
     * {@code includePurchased}); without events, popular items.
     */
    public Uni<RecommendationResponse> forUser(
            String userId,
            int size,
            String category,
            Set<String> exclude,
            Set<String> sources,
            boolean includePurchased) {
        DegradedSources degraded = newDegradedSources();
        return forUser(userId, size, category, exclude, sources, includePurchased, degraded, servingGraph(degraded))
                .map(variants -> variants.get(0));
    }

    /**
     * A user's recommendations once per variant of the graph's candidates, e.g. without and with a pending edit
     * (docs/adr/0023): every other source is asked once. Empty when the graph is not asked (no history).
     */
    public Uni<List<RecommendationResponse>> forUserVariants(
            String userId, int size, Function<ExpandRequest, Uni<List<CandidateList>>> graphVariants) {
        return forUser(userId, size, null, Set.of(), Set.copyOf(SOURCES), false, newDegradedSources(), graphVariants);
    }

    /** Products like one product, once per variant of the graph's candidates, as {@link #forUserVariants}. */
    public Uni<List<RecommendationResponse>> similarToVariants(
            String productId, int size, Function<ExpandRequest, Uni<List<CandidateList>>> graphVariants) {
        return recommend(similarQuery(productId, size, null), newDegradedSources(), graphVariants);
    }

    private Uni<List<RecommendationResponse>> forUser(
            String userId,
            int size,
            String category,
            Set<String> exclude,
            Set<String> sources,
            boolean includePurchased,
            DegradedSources degraded,
            Function<ExpandRequest, Uni<List<CandidateList>>> graphVariants) {
        return degraded.guard(PROFILE, config.timeouts().profile(), () -> signals.profile(userId), null)
                .chain(profile -> {
                    List<String> history = profile == null
                            ? List.of()
                            : profile.recent().stream()
                                    .map(ProfileItem::productId)
                                    .limit(config.historyItems())
                                    .toList();
                    Set<String> excluded = new HashSet<>(exclude);
                    if (profile != null && !includePurchased) {
                        excluded.addAll(profile.purchased());
                    }
                    return recommend(
                            new RecommendationQuery(
                                    history, graphSeeds(profile, history), size, category, excluded, sources),
                            degraded,
                            graphVariants);
                });
    }

    /** For a shopper without an account: the history is given, and left out of the answer. */
    public Uni<RecommendationResponse> forHistory(
            List<String> history, int size, String category, Set<String> exclude, Set<String> sources) {
        Set<String> excluded = new HashSet<>(exclude);
        excluded.addAll(history);
        List<String> seeds = history.stream().limit(config.graphSeeds()).toList();
        DegradedSources degraded = newDegradedSources();
        return recommend(
                        new RecommendationQuery(history, seeds, size, category, excluded, sources),
                        degraded,
                        servingGraph(degraded))
                .map(variants -> variants.get(0));
    }

    /** Products like one product: content similarity, collaborative neighbours and the graph, never itself. */
    public Uni<RecommendationResponse> similarTo(String productId, int size, String category) {
        DegradedSources degraded = newDegradedSources();
        return recommend(similarQuery(productId, size, category), degraded, servingGraph(degraded))
                .map(variants -> variants.get(0));
    }

    private static RecommendationQuery similarQuery(String productId, int size, String category) {
        List<String> history = List.of(productId);
        return new RecommendationQuery(
                history,
                history,
                size,
                category,
                Set.of(productId),
                Set.of(Sources.SIMILAR, Sources.COLLABORATIVE, Sources.GRAPH));
    }

    /** The record of one request's degraded branches, counted under {@value #DEGRADED_METRIC}. */
    private DegradedSources newDegradedSources() {
        return new DegradedSources(metrics, guards, DEGRADED_METRIC);
    }

    /** The graph's candidates as shoppers get them, as the only variant. */
    private Function<ExpandRequest, Uni<List<CandidateList>>> servingGraph(DegradedSources degraded) {
        return request -> branch(Sources.GRAPH, config.timeouts().graph(), () -> graph.expand(request), degraded)
                .map(List::of);
    }

    public Uni<SignalsStatus> signalsStatus() {
        return signals.signalsStatus();
    }

    private List<String> graphSeeds(UserProfile profile, List<String> history) {
        List<String> purchased = profile == null ? List.of() : profile.purchased();
        return (purchased.isEmpty() ? history : purchased)
                .stream().limit(config.graphSeeds()).toList();
    }

    /** One answer per variant of the graph's candidates; the other sources are asked once. */
    private Uni<List<RecommendationResponse>> recommend(
            RecommendationQuery query,
            DegradedSources degraded,
            Function<ExpandRequest, Uni<List<CandidateList>>> graphVariants) {
        int depth = config.candidatesPerSource();
        List<Uni<CandidateList>> branches = new ArrayList<>();
        boolean known = !query.history().isEmpty();
        if (known && query.sources().contains(Sources.COOCCURRENCE)) {
            branches.add(branch(
                    Sources.COOCCURRENCE,
                    config.timeouts().cooccurrence(),
                    () -> signals.cooccurring(new CooccurrenceQuery(query.history(), depth)),
                    degraded));
        }
        if (known && query.sources().contains(Sources.SIMILAR)) {
            branches.add(similar(query.history(), depth, degraded));
        }
        if (known && query.sources().contains(Sources.COLLABORATIVE)) {
            branches.add(branch(
                    Sources.COLLABORATIVE,
                    config.timeouts().collaborative(),
                    () -> retrieval.collaborative(
                            new HistoryQuery(query.history(), depth, config.collaborativeRecencyDecay())),
                    degraded));
        }
        Uni<List<CandidateList>> graphLists = known && query.sources().contains(Sources.GRAPH)
                ? graphVariants.apply(new ExpandRequest(null, query.seeds(), query.history(), depth))
                : Uni.createFrom().item(List.of(CandidateList.empty(Sources.GRAPH)));
        // popularity always answers the cold start; for a known shopper it only fills in
        if (query.sources().contains(Sources.POPULARITY) || !known) {
            branches.add(branch(
                    Sources.POPULARITY,
                    config.timeouts().popularity(),
                    () -> signals.popular(query.category(), depth),
                    degraded));
        }
        return Uni.combine()
                .all()
                .unis(Uni.join().all(branches).andCollectFailures(), graphLists)
                .asTuple()
                .map(found -> found.getItem2().stream()
                        .map(graphList -> Stream.concat(found.getItem1().stream(), Stream.of(graphList))
                                .filter(list -> !list.candidates().isEmpty() || !Sources.GRAPH.equals(list.source()))
                                .toList())
                        .toList())
                .chain(variants -> hydrate(variants, degraded))
                .chain(variants -> Multi.createFrom()
                        .iterable(variants)
                        .onItem()
                        .transformToUniAndConcatenate(gathered -> rank(keep(gathered, query), query.size(), degraded))
                        .map(ranked -> new RecommendationResponse(
                                UUID.randomUUID().toString(),
                                toItems(ranked),
                                degraded.sorted(),
                                ranked.strategy(),
                                ranked.model()))
                        .collect()
                        .asList());
    }

    private static Uni<CandidateList> branch(
            String source,
            java.time.Duration timeout,
            Supplier<Uni<? extends CandidateList>> call,
            DegradedSources degraded) {
        return degraded.guard(source, timeout, call, CandidateList.empty(source));
    }

    /**
     * Content similarity to each of the most recent items, merged: an item keeps its best score, discounted for older
     * seeds, and names the seed it is like.
     */
    private Uni<CandidateList> similar(List<String> history, int depth, DegradedSources degraded) {
        List<String> seeds = history.stream().limit(config.similarSeeds()).toList();
        List<Uni<CandidateList>> calls = seeds.stream()
                .map(seed -> retrieval.similar(new SimilarQuery(seed, depth, null)))
                .toList();
        Supplier<Uni<? extends CandidateList>> merged =
                () -> Uni.join().all(calls).andFailFast().map(lists -> {
                    Map<String, Candidate> best = new HashMap<>();
                    double discount = 1;
                    for (int s = 0; s < lists.size(); s++) {
                        for (Candidate candidate : lists.get(s).candidates()) {
                            double score = candidate.score() * discount;
                            Candidate current = best.get(candidate.id());
                            if (current == null || current.score() < score) {
                                best.put(
                                        candidate.id(),
                                        new Candidate(candidate.id(), score, "similar to " + seeds.get(s)));
                            }
                        }
                        discount *= 0.9;
                    }
                    return new CandidateList(
                            Sources.SIMILAR,
                            best.values().stream()
                                    .sorted((a, b) -> Double.compare(b.score(), a.score()))
                                    .limit(depth)
                                    .toList());
                });
        return branch(Sources.SIMILAR, config.timeouts().similar(), merged, degraded);
    }

    private record Gathered(List<CandidateList> lists, Map<String, Product> products) {}

    /** The catalogue data of every variant's candidates, read in one call. */
    private Uni<List<Gathered>> hydrate(List<List<CandidateList>> variants, DegradedSources degraded) {
        List<CandidateList> all = variants.stream().flatMap(List::stream).toList();
        return catalogue
                .productsOf(all, config.timeouts().hydrate(), degraded)
                .map(byId -> variants.stream()
                        .map(lists -> new Gathered(lists, byId))
                        .toList());
    }

    /**
     * Drops excluded products, products the catalogue does not know (deleted since the signal saw them) and, with a
     * category, products outside it. Without the catalogue only exclusions apply.
     */
    private static Gathered keep(Gathered gathered, RecommendationQuery query) {
        List<CandidateList> kept = gathered.lists().stream()
                .map(list -> new CandidateList(
                        list.source(),
                        list.candidates().stream()
                                .filter(c -> !query.exclude().contains(c.id()))
                                .filter(c -> gathered.products() == null
                                        || inCategory(gathered.products().get(c.id()), query.category()))
                                .toList()))
                .toList();
        return new Gathered(kept, gathered.products());
    }

    private static boolean inCategory(Product product, String category) {
        if (product == null) {
            return false;
        }
        if (category == null) {
            return true;
        }
        String path = CategoryPath.join(product.category());
        return path.equals(category) || path.startsWith(category + CategoryPath.SEPARATOR);
    }

    /** The ranked items and what ranked them: fusion-service's strategy and model, else the local fallback. */
    private record Ranked(List<FusedItem> items, Gathered gathered, String strategy, String model) {}

    private Uni<Ranked> rank(Gathered gathered, int size, DegradedSources degraded) {
        List<CandidateList> lists = gathered.lists().stream()
                .filter(list -> !list.candidates().isEmpty())
                .toList();
        if (lists.isEmpty()) {
            return Uni.createFrom().item(new Ranked(List.of(), gathered, null, null));
        }
        return degraded.guard(
                        RANKING,
                        config.timeouts().rank(),
                        () -> signals.rank(new RecommendationRankRequest(lists, size)),
                        (FuseResponse) null)
                .map(response -> response != null
                        ? new Ranked(
                                response.items(), gathered, response.strategy().json(), response.model())
                        : new Ranked(fallbackRanking.fuse(lists, size), gathered, ServedLists.LOCAL_RRF, null));
    }

    private static List<RecommendedItem> toItems(Ranked ranked) {
        Map<String, Map<String, String>> reasons = new HashMap<>();
        for (CandidateList list : ranked.gathered().lists()) {
            Map<String, String> bySource = new LinkedHashMap<>();
            for (Candidate candidate : list.candidates()) {
                bySource.put(candidate.id(), reason(list.source(), candidate));
            }
            reasons.put(list.source(), bySource);
        }
        Map<String, Product> products = ranked.gathered().products();
        return ranked.items().stream()
                .map(item -> {
                    List<String> why = item.sources().stream()
                            .map(SourceContribution::source)
                            .map(source ->
                                    reasons.getOrDefault(source, Map.of()).get(item.id()))
                            .filter(reason -> reason != null)
                            .distinct()
                            .toList();
                    Product product = products == null ? null : products.get(item.id());
                    return product == null
                            ? new RecommendedItem(item.id(), null, null, null, null, item.score(), why, item.sources())
                            : new RecommendedItem(
                                    item.id(),
                                    product.title(),
                                    product.brand(),
                                    product.category(),
                                    product.price(),
                                    item.score(),
                                    why,
                                    item.sources());
                })
                .toList();
    }

    /** The source's own reason, or a plain one for sources that give none. */
    private static String reason(String source, Candidate candidate) {
        if (candidate.reason() != null && !candidate.reason().isBlank()) {
            return candidate.reason();
        }
        return switch (source) {
            case Sources.COLLABORATIVE -> "chosen by shoppers with a similar history";
            case Sources.POPULARITY -> "popular";
            case Sources.SIMILAR -> "similar to your recent items";
            default -> "related to your recent items";
        };
    }
}
