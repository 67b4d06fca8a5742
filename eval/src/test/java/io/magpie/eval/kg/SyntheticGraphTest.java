package io.magpie.eval.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticGraphTest {

    @Test
    void aProductIsTheSameWhateverTheGraphSizeAndLinksOnlyToEarlierProducts() {
        assertEquals(SyntheticGraph.product(12_345), SyntheticGraph.product(12_345));
        Map<String, Object> product = SyntheticGraph.product(12_345);
        assertEquals("syn-0012345", product.get("id"));
        assertEquals(3, ((List<?>) product.get("category")).size());
        assertEquals(3, ((Map<?, ?>) product.get("attributes")).size());

        List<Map<String, Object>> links = SyntheticGraph.alsoBought(12_345);
        assertEquals(SyntheticGraph.ALSO_BOUGHT_PER_PRODUCT, links.size());
        for (Map<String, Object> link : links) {
            assertTrue(((String) link.get("otherId")).compareTo("syn-0012345") < 0);
            double weight = (double) link.get("weight");
            assertTrue(weight > 0 && weight <= 1.0);
        }
        assertTrue(SyntheticGraph.alsoBought(0).isEmpty());
    }
}
