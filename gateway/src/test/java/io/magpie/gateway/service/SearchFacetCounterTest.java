package io.magpie.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.catalog.Product;
import io.magpie.api.search.SearchFacets;
import io.magpie.gateway.model.RankedItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The promise of the facets: a value's count is exactly the number of items the search answers with that value
 * selected (and the other filters kept), and a facet ignores its own filter.
 */
class SearchFacetCounterTest {

    private static final List<Double> BOUNDS = List.of(10.0, 25.0, 50.0);
    private final SearchFacetCounter counter = new SearchFacetCounter(BOUNDS, 50);
    private final List<RankedItem> items = randomRanking(new Random(7), 400);

    @Test
    void everyCountIsWhatSelectingTheValueAnswers() {
        for (ResultFilter base : List.of(
                ResultFilter.NONE,
                new ResultFilter(List.of("Home"), Set.of("Acme"), List.of(), null, null, 3.0, true),
                new ResultFilter(
                        List.of(),
                        Set.of("Bolt", "Core"),
                        List.of(new PriceRange(10, 25.0)),
                        5.0,
                        null,
                        null,
                        false))) {
            SearchFacets facets = counter.count(items, base);
            facets.brands()
                    .forEach(brand -> assertEquals(
                            matching(new ResultFilter(
                                    base.category(),
                                    Set.of(brand.value()),
                                    base.prices(),
                                    base.minPrice(),
                                    base.maxPrice(),
                                    base.minRating(),
                                    base.inStock())),
                            brand.count(),
                            "brand " + brand.value() + " over " + base));
            facets.prices()
                    .forEach(bucket -> assertEquals(
                            matching(new ResultFilter(
                                    base.category(),
                                    base.brands(),
                                    List.of(PriceRange.parse(bucket.value(), "price")),
                                    null,
                                    null,
                                    base.minRating(),
                                    base.inStock())),
                            bucket.count(),
                            "price " + bucket.value() + " over " + base));
            facets.ratings()
                    .forEach(rating -> assertEquals(
                            matching(new ResultFilter(
                                    base.category(),
                                    base.brands(),
                                    base.prices(),
                                    base.minPrice(),
                                    base.maxPrice(),
                                    (double) rating.minRating(),
                                    base.inStock())),
                            rating.count(),
                            "rating " + rating.minRating() + " over " + base));
            assertEquals(
                    matching(new ResultFilter(
                            base.category(),
                            base.brands(),
                            base.prices(),
                            base.minPrice(),
                            base.maxPrice(),
                            base.minRating(),
                            true)),
                    facets.inStock().inStock());
            checkCategories(facets.categories(), base);
        }
    }

    @Test
    void aFacetIgnoresItsOwnFilterOnly() {
        ResultFilter acme = new ResultFilter(List.of(), Set.of("Acme"), List.of(), null, null, null, false);
        SearchFacets facets = counter.count(items, acme);
        assertTrue(facets.brands().size() > 1, "other brands still counted: " + facets.brands());
        assertTrue(facets.brands().stream().anyMatch(b -> b.value().equals("Acme") && b.selected()));
        int acmeItems = matching(acme);
        assertEquals(acmeItems, facets.inStock().inStock() + facets.inStock().outOfStock());
    }

    @Test
    void selectedBrandsAreListedEvenWithoutItems() {
        ResultFilter unknown = new ResultFilter(List.of(), Set.of("Nobody"), List.of(), null, null, null, false);
        SearchFacets facets = counter.count(items, unknown);
        assertTrue(facets.brands().contains(new SearchFacets.Value("Nobody", 0, true)));
        assertEquals(0, facets.inStock().inStock() + facets.inStock().outOfStock());
    }

    private void checkCategories(List<SearchFacets.CategoryNode> nodes, ResultFilter base) {
        for (SearchFacets.CategoryNode node : nodes) {
            assertEquals(
                    matching(new ResultFilter(
                            CategoryPath.split(node.path()),
                            base.brands(),
                            base.prices(),
                            base.minPrice(),
                            base.maxPrice(),
                            base.minRating(),
                            base.inStock())),
                    node.count(),
                    "category " + node.path());
            assertTrue(node.children().stream()
                            .mapToInt(SearchFacets.CategoryNode::count)
                            .sum()
                    <= node.count());
            checkCategories(node.children(), base);
        }
    }

    private int matching(ResultFilter filter) {
        return (int)
                items.stream().filter(item -> filter.accepts(item.product())).count();
    }

    static List<RankedItem> randomRanking(Random random, int n) {
        String[] brands = {"Acme", "Bolt", "Core", "Dune", null};
        List<List<String>> categories = List.of(
                List.of("Home", "Kitchen"),
                List.of("Home", "Kitchen", "Knives"),
                List.of("Home", "Garden"),
                List.of("Tools"),
                List.of());
        List<RankedItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Double price = random.nextInt(8) == 0 ? null : Math.round(random.nextDouble() * 8000) / 100.0;
            // prices on bucket bounds too: a bound belongs to the bucket above it
            if (random.nextInt(10) == 0) {
                price = BOUNDS.get(random.nextInt(BOUNDS.size()));
            }
            Double rating = random.nextInt(6) == 0 ? null : 1 + random.nextInt(41) / 10.0;
            Product product = new Product(
                    "P" + i,
                    "item " + i,
                    null,
                    null,
                    brands[random.nextInt(brands.length)],
                    null,
                    categories.get(random.nextInt(categories.size())),
                    null,
                    price,
                    "USD",
                    rating,
                    rating == null ? null : random.nextInt(500),
                    random.nextInt(5) == 0 ? Boolean.FALSE : random.nextBoolean() ? Boolean.TRUE : null,
                    null,
                    java.time.Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1000)),
                    1L);
            items.add(new RankedItem(product.id(), i, 1.0 / (i + 1), List.of(), null, product));
        }
        return items;
    }
}
