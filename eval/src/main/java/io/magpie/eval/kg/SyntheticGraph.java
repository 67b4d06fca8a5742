package io.magpie.eval.kg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic catalogue graph of ten relations per product: MADE_BY one of 5,000 brands, IN_CATEGORY one of 2,000
 * leaves (10 roots x 10 x 20), HAS three attribute values (colour, material, size) and five ALSO_BOUGHT links to
 * earlier products. Product i is the same whatever the size, so a bigger graph extends a smaller one. Names are
 * made-up single words ("synbrand0042"), so they never collide with a real catalogue's.
 */
final class SyntheticGraph {

    static final int BRANDS = 5_000;
    static final int ROOTS = 10;
    static final int MIDS_PER_ROOT = 10;
    static final int LEAVES_PER_MID = 20;
    static final int LEAVES = ROOTS * MIDS_PER_ROOT * LEAVES_PER_MID;
    static final int ALSO_BOUGHT_PER_PRODUCT = 5;
    /** MADE_BY + IN_CATEGORY + 3 HAS + ALSO_BOUGHT. */
    static final int RELATIONS_PER_PRODUCT = 5 + ALSO_BOUGHT_PER_PRODUCT;

    private SyntheticGraph() {}

    static String id(long i) {
        return String.format("syn-%07d", i);
    }

    static String brand(int b) {
        return String.format("Synbrand%04d", b);
    }

    static String leaf(int leaf) {
        return String.format("Synleaf%04d", leaf);
    }

    static String color(int c) {
        return String.format("Syncolor%02d", c);
    }

    /** Product i as kg-service's GraphProduct JSON. */
    static Map<String, Object> product(long i) {
        SplittableRandom random = new SplittableRandom(i * 7919 + 17);
        int leaf = random.nextInt(LEAVES);
        int mid = leaf / LEAVES_PER_MID;
        int root = mid / MIDS_PER_ROOT;
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", id(i));
        product.put("title", "Synthetic product " + i);
        product.put("brand", brand(random.nextInt(BRANDS)));
        product.put(
                "category", List.of(String.format("Synroot%02d", root), String.format("Synmid%03d", mid), leaf(leaf)));
        product.put(
                "attributes",
                Map.of(
                        "color",
                        List.of(color(random.nextInt(30))),
                        "material",
                        List.of(String.format("Synmaterial%02d", random.nextInt(40))),
                        "size",
                        List.of(String.format("Synsize%02d", random.nextInt(12)))));
        product.put("version", 1);
        return product;
    }

    /** Product i's ALSO_BOUGHT links, to products before it (none for the first). */
    static List<Map<String, Object>> alsoBought(long i) {
        List<Map<String, Object>> edges = new ArrayList<>(ALSO_BOUGHT_PER_PRODUCT);
        if (i == 0) {
            return edges;
        }
        SplittableRandom random = new SplittableRandom(i * 104_729 + 3);
        for (int e = 0; e < ALSO_BOUGHT_PER_PRODUCT; e++) {
            long other = random.nextLong(i);
            edges.add(Map.of("productId", id(i), "otherId", id(other), "weight", 0.1 + random.nextDouble() * 0.9));
        }
        return edges;
    }
}
