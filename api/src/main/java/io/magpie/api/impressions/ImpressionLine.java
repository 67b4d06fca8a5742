package io.magpie.api.impressions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.magpie.api.fusion.SourceContribution;
import java.time.Instant;
import java.util.List;

/**
 * One served item joined to what the shopper did with it: a line of the impressions export, the input of click
 * models and inverse-propensity weighting. Only events that carry the list's request id and the item's product
 * count.
 *
 * @param requestId   the served list's request id
 * @param page        its page
 * @param servedAt    when it was served
 * @param surface     where
 * @param query       the query text or category path, when there was one
 * @param strategy    the fusion strategy that ranked it
 * @param model       the fusion model version, when a model ranked it
 * @param position    the item's position, 0-based over all pages
 * @param productId   the item
 * @param sources     the sources that proposed it (source, rank, contribution)
 * @param clicked     a click event on it carries the request id
 * @param addedToCart an add_to_cart event on it does
 * @param purchased   a purchase event on it does
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImpressionLine(
        String requestId,
        int page,
        Instant servedAt,
        String surface,
        String query,
        String strategy,
        String model,
        int position,
        String productId,
        List<SourceContribution> sources,
        boolean clicked,
        boolean addedToCart,
        boolean purchased) {}
