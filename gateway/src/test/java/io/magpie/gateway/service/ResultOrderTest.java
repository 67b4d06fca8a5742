package io.magpie.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.search.SearchSort;
import io.magpie.gateway.model.RankedItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every order is total (ties keep the fused order), so pages cut from it neither overlap nor skip. */
class ResultOrderTest {

    private final List<RankedItem> ranking = SearchFacetCounterTest.randomRanking(new Random(11), 300);

    @Test
    void eachOrderHoldsAndIsTheSameWhateverTheInputOrder() {
        for (SearchSort sort : SearchSort.values()) {
            List<RankedItem> sorted =
                    ranking.stream().sorted(ResultOrder.of(sort)).toList();
            List<RankedItem> shuffled = new ArrayList<>(ranking);
            Collections.shuffle(shuffled, new Random(3));
            assertEquals(sorted, shuffled.stream().sorted(ResultOrder.of(sort)).toList(), sort.value());
            for (int i = 1; i < sorted.size(); i++) {
                assertTrue(ResultOrder.of(sort).compare(sorted.get(i - 1), sorted.get(i)) < 0, sort.value());
            }
        }
    }

    @Test
    void priceOrdersPutUnpricedItemsLastAndBreakTiesByFusedPosition() {
        List<RankedItem> ascending =
                ranking.stream().sorted(ResultOrder.of(SearchSort.PRICE_ASC)).toList();
        List<RankedItem> descending =
                ranking.stream().sorted(ResultOrder.of(SearchSort.PRICE_DESC)).toList();
        for (List<RankedItem> order : List.of(ascending, descending)) {
            boolean unpriced = false;
            for (RankedItem item : order) {
                unpriced |= item.product().price() == null;
                assertTrue(!unpriced || item.product().price() == null, "a priced item after an unpriced one");
            }
        }
        for (int i = 1; i < ascending.size(); i++) {
            Double before = ascending.get(i - 1).product().price();
            Double after = ascending.get(i).product().price();
            if (before != null && after != null) {
                assertTrue(before <= after);
                if (before.equals(after)) {
                    assertTrue(
                            ascending.get(i - 1).position() < ascending.get(i).position());
                }
            }
        }
    }
}
