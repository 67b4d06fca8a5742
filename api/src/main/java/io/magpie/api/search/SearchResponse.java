package io.magpie.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The gateway's answer to a search or a category listing: one page of the fused ranking.
 *
 * @param requestId  identifies this answer (send it back with behaviour events)
 * @param query      the query as received; null for a category listing
 * @param items      this page, in the requested order
 * @param degraded   sources that failed or timed out, so the answer was made without them
 * @param tookMs     time spent in the gateway
 * @param page       the page number, 1-based
 * @param size       items per page
 * @param sort       the order of the items
 * @param total      items over all pages, and how they were counted
 * @param facets     counts over the candidate set after filters; null when asked without ({@code facets=false})
 * @param nextCursor an opaque token for the next page of the same ranking ({@code cursor=}); null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResponse(
        String requestId,
        String query,
        List<SearchHit> items,
        List<String> degraded,
        long tookMs,
        int page,
        int size,
        SearchSort sort,
        SearchTotal total,
        SearchFacets facets,
        String nextCursor) {}
