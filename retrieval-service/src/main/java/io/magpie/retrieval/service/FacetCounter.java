package io.magpie.retrieval.service;

import io.magpie.api.retrieval.FacetRequest;
import io.magpie.api.retrieval.Facets;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.ProductTextSearch;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Facet counts of a candidate set, from the Milvus rows: they hold the same brand, category and price the
 * candidates were filtered on, and one query by ids fetches them for a whole page of candidates (docs/adr/0009).
 */
@ApplicationScoped
public class FacetCounter {

    private final ProductTextSearch index;
    private final ProductIdCheck idCheck;
    private final List<Double> priceBounds;

    public FacetCounter(ProductTextSearch index, ProductIdCheck idCheck, RetrievalConfig config) {
        this.index = index;
        this.idCheck = idCheck;
        this.priceBounds = config.facets().priceBounds().stream().sorted().toList();
    }

    public Uni<Facets> count(FacetRequest request) {
        idCheck.requireValid("ids", request.ids());
        List<String> ids = List.copyOf(new LinkedHashSet<>(request.ids()));
        return CandidateSearch.onWorker(() -> count(index.facetRows(ids)));
    }

    Facets count(List<ProductTextSearch.FacetRow> rows) {
        Map<String, Long> categories = new HashMap<>();
        Map<String, Long> brands = new HashMap<>();
        long[] buckets = new long[priceBounds.size() + 1];
        for (ProductTextSearch.FacetRow row : rows) {
            row.categoryPaths().forEach(path -> categories.merge(path, 1L, Long::sum));
            if (row.brand() != null) {
                brands.merge(row.brand(), 1L, Long::sum);
            }
            if (row.price() != null) {
                buckets[bucketOf(row.price())]++;
            }
        }
        List<Facets.PriceBucket> prices = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] > 0) {
                prices.add(new Facets.PriceBucket(
                        i == 0 ? 0 : priceBounds.get(i - 1),
                        i < priceBounds.size() ? priceBounds.get(i) : null,
                        buckets[i]));
            }
        }
        return new Facets(mostFrequentFirst(categories), mostFrequentFirst(brands), prices, rows.size());
    }

    private int bucketOf(double price) {
        int bucket = 0;
        while (bucket < priceBounds.size() && price >= priceBounds.get(bucket)) {
            bucket++;
        }
        return bucket;
    }

    /** Highest count first, ties by name, so answers are stable. */
    private static Map<String, Long> mostFrequentFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
