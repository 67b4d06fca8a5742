package io.magpie.gateway.service;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.catalog.Product;
import io.magpie.api.search.SearchFacets;
import io.magpie.gateway.model.RankedItem;
import io.magpie.gateway.service.ResultFilter.Facet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facet counts over every item of a fused ranking. Each facet counts the items that pass every filter but its own
 * (multi-select), so a count is exactly the number of items the search answers with that value selected instead.
 */
final class SearchFacetCounter {

    static final int[] RATING_STEPS = {4, 3, 2, 1};

    private final List<Double> priceBounds;
    private final int maxBrands;

    SearchFacetCounter(List<Double> priceBounds, int maxBrands) {
        this.priceBounds = priceBounds.stream().sorted().distinct().toList();
        this.maxBrands = maxBrands;
    }

    SearchFacets count(List<RankedItem> items, ResultFilter filter) {
        Map<List<String>, Integer> categories = new HashMap<>();
        Map<String, Integer> brands = new HashMap<>();
        int[] prices = new int[priceBounds.size() + 1];
        int[] ratings = new int[RATING_STEPS.length];
        int inStock = 0;
        int outOfStock = 0;
        for (RankedItem item : items) {
            Product product = item.product();
            if (product == null) {
                continue;
            }
            if (passesAllBut(Facet.CATEGORY, filter, product) && product.category() != null) {
                for (int depth = 1; depth <= product.category().size(); depth++) {
                    List<String> prefix = product.category().subList(0, depth).stream()
                            .map(String::strip)
                            .toList();
                    categories.merge(prefix, 1, Integer::sum);
                }
            }
            if (passesAllBut(Facet.BRAND, filter, product) && product.brand() != null) {
                brands.merge(product.brand().strip(), 1, Integer::sum);
            }
            if (passesAllBut(Facet.PRICE, filter, product) && product.price() != null) {
                prices[bucketOf(product.price())]++;
            }
            if (passesAllBut(Facet.RATING, filter, product) && product.rating() != null) {
                for (int i = 0; i < RATING_STEPS.length; i++) {
                    if (product.rating() >= RATING_STEPS[i]) {
                        ratings[i]++;
                    }
                }
            }
            if (passesAllBut(Facet.STOCK, filter, product)) {
                if (product.available()) {
                    inStock++;
                } else {
                    outOfStock++;
                }
            }
        }
        return new SearchFacets(
                categoryTree(categories, List.of(), filter),
                brandValues(brands, filter),
                priceBuckets(prices, filter),
                ratingBuckets(ratings, filter),
                new SearchFacets.StockCounts(inStock, outOfStock));
    }

    private static boolean passesAllBut(Facet own, ResultFilter filter, Product product) {
        for (Facet facet : Facet.values()) {
            if (facet != own && !filter.accepts(facet, product)) {
                return false;
            }
        }
        return true;
    }

    private int bucketOf(double price) {
        int bucket = 0;
        while (bucket < priceBounds.size() && price >= priceBounds.get(bucket)) {
            bucket++;
        }
        return bucket;
    }

    private static List<SearchFacets.CategoryNode> categoryTree(
            Map<List<String>, Integer> counts, List<String> parent, ResultFilter filter) {
        List<SearchFacets.CategoryNode> nodes = new ArrayList<>();
        counts.forEach((path, count) -> {
            if (path.size() == parent.size() + 1
                    && path.subList(0, parent.size()).equals(parent)) {
                nodes.add(new SearchFacets.CategoryNode(
                        path.get(path.size() - 1),
                        CategoryPath.join(path),
                        count,
                        path.equals(filter.category()),
                        categoryTree(counts, path, filter)));
            }
        });
        nodes.sort(Comparator.comparingInt(SearchFacets.CategoryNode::count)
                .reversed()
                .thenComparing(SearchFacets.CategoryNode::name));
        return nodes;
    }

    /** The most frequent brands, and every selected one even when rarer. */
    private List<SearchFacets.Value> brandValues(Map<String, Integer> counts, ResultFilter filter) {
        Map<String, Integer> shown = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxBrands)
                .forEach(e -> shown.put(e.getKey(), e.getValue()));
        filter.brands().forEach(brand -> shown.putIfAbsent(brand, counts.getOrDefault(brand, 0)));
        return shown.entrySet().stream()
                .map(e -> new SearchFacets.Value(
                        e.getKey(), e.getValue(), filter.brands().contains(e.getKey())))
                .toList();
    }

    private List<SearchFacets.PriceBucket> priceBuckets(int[] counts, ResultFilter filter) {
        List<SearchFacets.PriceBucket> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            PriceRange range = new PriceRange(
                    i == 0 ? 0 : priceBounds.get(i - 1), i < priceBounds.size() ? priceBounds.get(i) : null);
            buckets.add(new SearchFacets.PriceBucket(
                    range.value(),
                    range.min(),
                    range.max(),
                    counts[i],
                    filter.prices().contains(range)));
        }
        return buckets;
    }

    private static List<SearchFacets.RatingBucket> ratingBuckets(int[] counts, ResultFilter filter) {
        List<SearchFacets.RatingBucket> buckets = new ArrayList<>();
        for (int i = 0; i < RATING_STEPS.length; i++) {
            buckets.add(new SearchFacets.RatingBucket(
                    RATING_STEPS[i], counts[i], filter.minRating() != null && filter.minRating() == RATING_STEPS[i]));
        }
        return buckets;
    }
}
