package io.magpie.gateway.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.search.SearchSort;
import io.magpie.gateway.model.RankedItem;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The comparator of each sort order. Items without the sorted value come last; ties keep the fused order, so
 * every order is total and the same on every page.
 */
final class ResultOrder {

    private static final Comparator<RankedItem> FUSED = Comparator.comparingInt(RankedItem::position);

    private ResultOrder() {}

    static Comparator<RankedItem> of(SearchSort sort) {
        Comparator<RankedItem> order = switch (sort) {
            case RELEVANCE -> FUSED;
            case PRICE_ASC -> by(Product::price, Comparator.<Double>naturalOrder());
            case PRICE_DESC -> by(Product::price, Comparator.<Double>reverseOrder());
            case RATING ->
                by(Product::rating, Comparator.<Double>reverseOrder())
                        .thenComparing(by(Product::ratingCount, Comparator.<Integer>reverseOrder()));
            case NEWEST -> by(Product::updatedAt, Comparator.<Instant>reverseOrder());
        };
        return order.thenComparing(FUSED);
    }

    private static <T> Comparator<RankedItem> by(Function<Product, T> value, Comparator<T> order) {
        return Comparator.comparing(
                item -> item.product() == null ? null : value.apply(item.product()), Comparator.nullsLast(order));
    }
}
