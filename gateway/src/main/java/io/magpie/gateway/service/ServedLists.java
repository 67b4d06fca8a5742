package io.magpie.gateway.service;

import io.magpie.api.impressions.ServedItem;
import io.magpie.api.impressions.ServedList;
import io.magpie.api.recs.RecommendationResponse;
import io.magpie.api.recs.RecommendedItem;
import io.magpie.api.search.SearchHit;
import io.magpie.api.search.SearchResponse;
import io.magpie.gateway.model.FusedRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The served list (impression, docs/adr/0030) of an answer: its items in order, and what ranked them. */
public final class ServedLists {

    /** fusion-service ranks recommendations by its per-source weights; without it the gateway merges them by RRF. */
    static final String RECOMMENDATION_WEIGHTS = "weighted";

    static final String LOCAL_RRF = "rrf";

    private ServedLists() {}

    /** A page of a search or listing: positions continue over pages (page 2 starts where page 1 ended). */
    static ServedList page(StorefrontRequest request, FusedRanking ranking, SearchResponse response) {
        List<ServedItem> items = new ArrayList<>();
        int position = request.offset();
        for (SearchHit hit : response.items()) {
            items.add(new ServedItem(position++, hit.id(), hit.sources()));
        }
        boolean browse = request.key().isBrowse();
        return new ServedList(
                response.requestId(),
                response.page(),
                Instant.now(),
                browse ? ServedList.BROWSE : ServedList.SEARCH,
                browse ? request.key().category() : response.query(),
                null,
                null,
                null,
                request.offset(),
                ranking.strategy() == null ? ServedList.DEFAULT_STRATEGY : ranking.strategy(),
                ranking.model(),
                items);
    }

    /**
     * A list of recommendations: for a user ({@code userId}), a history without an account (neither), or products
     * like {@code subjectId} ({@link ServedList#SIMILAR}).
     */
    public static ServedList recommendations(
            String surface, RecommendationResponse response, String userId, String subjectId) {
        List<ServedItem> items = new ArrayList<>();
        int position = 0;
        for (RecommendedItem item : response.items()) {
            items.add(new ServedItem(position++, item.id(), item.sources()));
        }
        // older answers (and an empty list, which nothing ranked) name no strategy: infer it as before
        boolean rankedLocally =
                response.degraded() != null && response.degraded().contains(RecommendationService.RANKING);
        String strategy =
                response.strategy() != null ? response.strategy() : rankedLocally ? LOCAL_RRF : RECOMMENDATION_WEIGHTS;
        return new ServedList(
                response.requestId(),
                1,
                Instant.now(),
                surface,
                null,
                userId,
                null,
                subjectId,
                0,
                strategy,
                response.model(),
                items);
    }
}
