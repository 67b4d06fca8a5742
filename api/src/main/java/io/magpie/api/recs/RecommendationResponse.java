package io.magpie.api.recs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A list of recommendations.
 *
 * @param requestId send it back with events on these items ({@code requestId}, {@code position})
 * @param items     best first
 * @param degraded  sources that failed or timed out and were left out
 * @param strategy  what ranked the list: fusion-service's {@code weighted}, or the gateway's {@code rrf} when
 *                  fusion-service could not answer
 * @param model     the collaborative vectors served when it was ranked ({@code <model>:<version>}), if known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendationResponse(
        String requestId, List<RecommendedItem> items, List<String> degraded, String strategy, String model) {}
