package io.magpie.fusion.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.fusion.QueryContext;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Features with cached item text are exactly the features of text analysed anew: on first sight and from the cache,
 * for varied products and queries, and after a product's text changes.
 */
class ItemTextCacheTest {

    private static final List<String> VOCABULARY = List.of(
            "Paper",
            "towels",
            "towel",
            "holder",
            "Stainless",
            "steel",
            "boxes",
            "box",
            "batteries",
            "battery",
            "32GB",
            "32",
            "GB",
            "SD",
            "cards",
            "card",
            "USB-C",
            "2-pack",
            "Red",
            "red",
            "glass",
            "glasses",
            "brushes",
            "kitchen",
            "Bounty",
            "SanDisk",
            "Ultra",
            "waterproof",
            "12\"",
            "queen",
            "mattress",
            "foam",
            "café",
            "Ⅻ",
            "x²",
            "wireless",
            "headphones",
            "for",
            "with",
            "and",
            "the",
            "iPhone",
            "12",
            "case",
            "cases");

    private final FeatureExtractor uncached = new FeatureExtractor(new ItemTextCache(0));

    @Test
    void cachedTextGivesTheFeaturesOfTextAnalysedAnew() {
        ItemTextCache cache = new ItemTextCache(1_000);
        FeatureExtractor cached = new FeatureExtractor(cache);
        Random random = new Random(11);
        List<String> catalogue = new ArrayList<>();
        Map<String, ItemData> data = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            catalogue.add("p" + i);
            if (i % 10 != 9) { // some candidates without catalogue data
                data.put("p" + i, item(random));
            }
        }
        for (int request = 0; request < 40; request++) {
            // overlapping candidate sets: some products first seen, others served from the cache
            List<String> ids = new ArrayList<>(catalogue);
            java.util.Collections.shuffle(ids, random);
            FuseRequest fuse = request(text(random, 1 + random.nextInt(4)), ids.subList(0, 20), data);

            assertSameFeatures(uncached.extract(fuse), cached.extract(fuse));
        }
        assertEquals(data.size(), cache.size());
    }

    @Test
    void aProductWhoseTextChangedIsAnalysedAgain() {
        FeatureExtractor cached = new FeatureExtractor(new ItemTextCache(1_000));
        ItemData before = new ItemData(
                "Bounty paper towels", "Bounty", List.of("Home", "Paper Towels"), "White", 4.5, 10, 3.0, true, null);
        ItemData after = new ItemData(
                "Bounty kitchen towel holder",
                "Bounty",
                List.of("Home", "Holders"),
                "Red",
                4.5,
                10,
                3.0,
                true,
                List.of("Holds any paper towels"));
        ItemData other = new ItemData("Red paper napkins", "Vanity Fair", null, "Red", null, null, null, null, null);
        String query = "red paper towel holder";

        ExtractedFeatures first = cached.extract(request(query, List.of("a", "b"), Map.of("a", before, "b", other)));
        ExtractedFeatures changed = cached.extract(request(query, List.of("a", "b"), Map.of("a", after, "b", other)));

        assertSameFeatures(
                uncached.extract(request(query, List.of("a", "b"), Map.of("a", after, "b", other))), changed);
        assertFalse(Arrays.equals(first.flat()[0], changed.flat()[0]), "the new text must change the features");
        // the text of one field alone counts too
        ItemData newBullets = new ItemData(
                after.title(), after.brand(), after.category(), after.color(), 4.5, 10, 3.0, true, List.of("Red"));
        assertSameFeatures(
                uncached.extract(request(query, List.of("a", "b"), Map.of("a", newBullets, "b", other))),
                cached.extract(request(query, List.of("a", "b"), Map.of("a", newBullets, "b", other))));
    }

    @Test
    void equalTextIsServedFromTheCacheAndTheCacheIsBounded() {
        ItemTextCache cache = new ItemTextCache(10);
        ItemData towels = new ItemData("Paper towels", null, null, null, null, null, null, null, null);
        ItemData sameText = new ItemData(new String("Paper towels"), null, null, null, 1.0, 2, 3.0, false, null);

        assertSame(cache.of("a", towels), cache.of("a", sameText)); // other numbers, same text
        assertTrue(cache.of("a", towels) != cache.of("b", towels)); // keyed by product
        for (int i = 0; i < 100; i++) {
            cache.of("p" + i, towels);
        }
        assertTrue(cache.size() <= 10, "held " + cache.size());
    }

    private static void assertSameFeatures(ExtractedFeatures expected, ExtractedFeatures actual) {
        assertEquals(expected.ids(), actual.ids());
        for (int i = 0; i < expected.size(); i++) {
            // exact: the same bits, not within a tolerance
            assertArrayEquals(expected.flat()[i], actual.flat()[i], "row " + i);
        }
    }

    private static ItemData item(Random random) {
        List<String> bullets = null;
        if (random.nextInt(3) > 0) {
            bullets = new ArrayList<>();
            for (int b = random.nextInt(5); b >= 0; b--) {
                bullets.add(text(random, 3 + random.nextInt(20)));
            }
        }
        return new ItemData(
                random.nextInt(10) == 0 ? null : text(random, 2 + random.nextInt(12)),
                random.nextInt(4) == 0 ? null : text(random, 1 + random.nextInt(2)),
                random.nextInt(4) == 0 ? null : List.of(text(random, 1), text(random, 2)),
                random.nextBoolean() ? null : text(random, 1),
                random.nextBoolean() ? null : 1 + 4 * random.nextDouble(),
                random.nextBoolean() ? null : random.nextInt(1000),
                random.nextBoolean() ? null : 5 + 50 * random.nextDouble(),
                random.nextBoolean() ? null : random.nextBoolean(),
                bullets);
    }

    private static String text(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : random.nextInt(5) == 0 ? ", " : " ")
                    .append(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
        }
        return text.toString();
    }

    /** Dense lists the candidates, lexical every other one; items without data (absent) stay unknown. */
    private static FuseRequest request(String query, List<String> ids, Map<String, ItemData> data) {
        List<Candidate> dense = new ArrayList<>();
        List<Candidate> lexical = new ArrayList<>();
        Map<String, ItemData> items = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            dense.add(new Candidate(ids.get(i), 1.0 - i * 0.01));
            if (i % 2 == 0) {
                lexical.add(new Candidate(ids.get(i), 10.0 - i));
            }
            if (data.containsKey(ids.get(i))) {
                items.put(ids.get(i), data.get(ids.get(i)));
            }
        }
        return new FuseRequest(
                null,
                List.of(new CandidateList("dense", dense), new CandidateList("lexical", lexical)),
                10,
                new QueryContext(query),
                items,
                null,
                null);
    }
}
