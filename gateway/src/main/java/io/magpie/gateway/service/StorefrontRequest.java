package io.magpie.gateway.service;

import io.magpie.api.search.SearchSort;

/**
 * A validated storefront search or category listing.
 *
 * @param key         what decides the ranking
 * @param filter      the shopper's filters, applied to the ranking
 * @param sort        the order of the items
 * @param size        items per page
 * @param offset      items before this page
 * @param facets      whether to count facets
 * @param parameters  the parameters as sent, for the next page's cursor
 * @param fingerprint with a cursor, the fingerprint of the ranking it pages; else null
 */
public record StorefrontRequest(
        RankingKey key,
        ResultFilter filter,
        SearchSort sort,
        int size,
        int offset,
        boolean facets,
        SearchParameters parameters,
        Long fingerprint) {}
