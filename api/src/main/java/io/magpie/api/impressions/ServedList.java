package io.magpie.api.impressions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One served list (an impression): what one answer of the gateway showed, in order, and what ranked it.
 *
 * @param requestId the answer's request id (behaviour events on its items carry it)
 * @param page      the page, 1-based (1 for lists without pages); a request id and page are stored once
 * @param servedAt  when the answer was made
 * @param surface   where it was shown: one of {@link #SURFACES}
 * @param query     the query text of a search; the category path of a listing; else null
 * @param userId    the shopper's user id, when known
 * @param sessionId the shopper's session id, when known
 * @param subjectId the product a {@code similar} list is about; else null
 * @param offset    items before this page (the first item's position)
 * @param strategy  the fusion strategy that ranked it ({@code rrf}, {@code model}, ...), or {@code default} when the
 *                  ranking service's default was used
 * @param model     the fusion model version when a learned model ranked it; else null
 * @param items     the items in the order shown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServedList(
        String requestId,
        int page,
        Instant servedAt,
        String surface,
        String query,
        String userId,
        String sessionId,
        String subjectId,
        int offset,
        String strategy,
        String model,
        List<ServedItem> items) {

    public static final String SEARCH = "search";
    public static final String BROWSE = "browse";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String SIMILAR = "similar";

    /** Where a list can be shown. */
    public static final Set<String> SURFACES = Set.of(SEARCH, BROWSE, RECOMMENDATIONS, SIMILAR);

    /** The strategy recorded when the ranking service chose it. */
    public static final String DEFAULT_STRATEGY = "default";
}
