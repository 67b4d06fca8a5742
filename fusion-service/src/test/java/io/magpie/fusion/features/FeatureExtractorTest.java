package io.magpie.fusion.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.fusion.QueryContext;
import io.magpie.api.graph.GraphPaths;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows computed by hand for a small request, and the refusal of numbers that are not finite. */
class FeatureExtractorTest {

    private static final float EPS = 1e-5f;

    /** Item features: the candidate's own data, then the text matches, then the graph path flags. */
    private static final int OWN = 7;

    private static final int GRAPH = OWN + TextMatches.NAMES.size();

    private final FeatureExtractor extractor = new FeatureExtractor();

    private final FuseRequest request = new FuseRequest(
            null,
            List.of(
                    new CandidateList(
                            "dense",
                            List.of(new Candidate("a", 0.9), new Candidate("b", 0.5), new Candidate("c", 0.1))),
                    new CandidateList(
                            "lexical",
                            List.of(
                                    new Candidate("b", 12),
                                    new Candidate("d", 4),
                                    new Candidate("b", 3))), // a repeat counts at its first position only
                    new CandidateList(
                            "graph",
                            List.of(
                                    new Candidate(
                                            "a",
                                            2.0,
                                            "why",
                                            List.of(GraphPaths.QUERY_NAMES_BRAND, GraphPaths.SHARED_CATEGORY)),
                                    new Candidate(
                                            "e", 1.0, "why", List.of(GraphPaths.ACCESSORY_OF, "some-future-kind"))))),
            10,
            new QueryContext("Red Bounty towels"),
            Map.of(
                    "a",
                            new ItemData(
                                    "Bounty Paper Towels",
                                    "Bounty",
                                    List.of("Home", "Paper Towels"),
                                    "White",
                                    4.5,
                                    99,
                                    10.0,
                                    true),
                    "b", new ItemData("Red kitchen-towel", null, null, "Red", null, null, null, false)),
            null,
            null);

    @Test
    void perSourceBlocksAreHandComputed() {
        ExtractedFeatures features = extractor.extract(request);

        assertEquals(List.of("a", "b", "c", "d", "e"), features.ids());
        // present, rank, score, min-max, z, reciprocal rank; sources dense, lexical, graph, collaborative, popularity
        float sdDense = (float) Math.sqrt(0.32 / 3);
        assertArrayEquals(new float[] {1, 1, 0.9f, 1, 0.4f / sdDense, 1}, features.perSource()[0][0], EPS);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, features.perSource()[0][1], EPS);
        assertArrayEquals(new float[] {1, 1, 2, 1, 1, 1}, features.perSource()[0][2], EPS);
        assertArrayEquals(new float[] {1, 2, 0.5f, 0.5f, 0, 0.5f}, features.perSource()[1][0], EPS);
        assertArrayEquals(new float[] {1, 1, 12, 1, 1, 1}, features.perSource()[1][1], EPS);
        assertArrayEquals(new float[] {1, 2, 4, 0, -1, 0.5f}, features.perSource()[3][1], EPS);
        assertArrayEquals(new float[] {1, 2, 1, 0, -1, 0.5f}, features.perSource()[4][2], EPS);
        assertArrayEquals(new float[6], features.perSource()[4][3], EPS); // no collaborative list
    }

    @Test
    void contextAndItemFeaturesAreHandComputed() {
        ExtractedFeatures features = extractor.extract(request);

        // words, characters, graph named brand / category / attribute, dense-lexical top-10 overlap ({b} of 10),
        // query has a number, dense and lexical top scores
        assertArrayEquals(new float[] {3, 17, 1, 0, 0, 0.1f, 0, 0.9f, 12}, features.context(), EPS);
        // known, rating, rating known, log(1+count), price known, in stock, title words
        float[] a = features.item()[0];
        assertArrayEquals(new float[] {1, 4.5f, 1, (float) Math.log(100), 1, 1, 3}, Arrays.copyOf(a, OWN), EPS);
        float[] b = features.item()[1];
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 3}, Arrays.copyOf(b, OWN), EPS);
        // query stems red, bounty, towel; IDF over the two candidates with data: red and bounty in one, towel in both
        float idfOne = (float) Math.log(2);
        float idfBoth = (float) Math.log(1.2);
        float idfTitle = (idfOne + idfBoth) / (2 * idfOne + idfBoth);
        // title, brand, category, colour, bullets, any field, IDF in title, pairs, phrase, numbers, brand named,
        // colour named, title BM25 (titles of average length: the sum of the matched words' IDF) and min-max,
        // bullets BM25 and min-max, accessory words, query after "for", first query word's position, other words
        assertArrayEquals(
                new float[] {
                    2f / 3,
                    1f / 3,
                    1f / 3,
                    0,
                    0,
                    2f / 3,
                    idfTitle,
                    0,
                    0,
                    0,
                    1,
                    0,
                    idfOne + idfBoth,
                    1,
                    0,
                    0,
                    0,
                    0,
                    0,
                    1f / 3
                },
                Arrays.copyOfRange(a, OWN, GRAPH),
                EPS);
        assertArrayEquals(
                new float[] {
                    2f / 3, 0, 0, 1f / 3, 0, 2f / 3, idfTitle, 0, 0, 0, 0, 1, idfOne + idfBoth, 1, 0, 0, 0, 0, 0, 1f / 3
                },
                Arrays.copyOfRange(b, OWN, GRAPH),
                EPS);
        // one flag per graph path kind
        assertEquals(1f, a[GRAPH + GraphPaths.ALL.indexOf(GraphPaths.QUERY_NAMES_BRAND)]);
        assertEquals(1f, a[GRAPH + GraphPaths.ALL.indexOf(GraphPaths.SHARED_CATEGORY)]);
        assertEquals(2f, sum(a, GRAPH));
        float[] e = features.item()[4]; // no catalogue data: unknown, one path flag, an unknown kind ignored
        assertEquals(0f, sum(Arrays.copyOf(e, GRAPH), 0));
        assertEquals(1f, e[GRAPH + GraphPaths.ALL.indexOf(GraphPaths.ACCESSORY_OF)]);
        assertEquals(1f, sum(e, GRAPH));
    }

    @Test
    void numbersUnitsWordPairsAndPhrasesMatchAfterStemming() {
        ItemData card = new ItemData(
                "SanDisk Ultra 32 GB SD Cards, 2-pack", "SanDisk", null, null, null, null, null, null, null);
        ItemData other = new ItemData("Card reader", null, null, null, null, null, null, null, List.of("reads SD"));
        List<String> names = FeatureExtractor.SCHEMA.itemFeatures();

        float[] longQuery = item(extractor.extract(request("sd card 32gb", card, other)), 0);
        assertEquals(1f, longQuery[names.indexOf("query_in_title")], EPS); // cards = card, 32gb = 32 gb
        assertEquals(1f, longQuery[names.indexOf("query_numbers_in_text")], EPS);
        assertEquals(2f / 3, longQuery[names.indexOf("query_pairs_in_title")], EPS); // sd card, 32 gb; not card 32
        assertEquals(0f, longQuery[names.indexOf("query_phrase_in_title")], EPS);
        assertEquals(0f, longQuery[names.indexOf("brand_in_query")], EPS);

        ExtractedFeatures brandQuery = extractor.extract(request("SanDisk Ultra", card, other));
        assertEquals(1f, item(brandQuery, 0)[names.indexOf("query_phrase_in_title")], EPS);
        assertEquals(1f, item(brandQuery, 0)[names.indexOf("brand_in_query")], EPS);

        ExtractedFeatures shortQuery = extractor.extract(request("SD cards", card, other));
        assertEquals(1f, item(shortQuery, 0)[names.indexOf("query_phrase_in_title")], EPS);
        assertEquals(1f / 2, item(shortQuery, 1)[names.indexOf("query_in_bullets")], EPS); // reads SD
        assertEquals(1f, item(shortQuery, 0)[names.indexOf("title_bm25_minmax")], EPS); // sd and card
        assertEquals(0f, item(shortQuery, 1)[names.indexOf("title_bm25_minmax")], EPS); // card only
    }

    @Test
    void aComplementsTitleNamesTheQueryAfterForAndAddsAccessoryWords() {
        ItemData tracker = new ItemData(
                "Fitbit Charge 3 Fitness Activity Tracker", "Fitbit", null, null, null, null, null, null, null);
        ItemData bands = new ItemData(
                "Silicone Bands Compatible with Fitbit Charge 3, Replacement Straps",
                "Meliya",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        List<String> names = FeatureExtractor.SCHEMA.itemFeatures();
        ExtractedFeatures features = extractor.extract(request("fitbit charge 3", tracker, bands));

        float[] product = item(features, 0);
        assertEquals(0f, product[names.indexOf("title_accessory_words")], EPS);
        assertEquals(0f, product[names.indexOf("query_after_for_in_title")], EPS);
        assertEquals(0f, product[names.indexOf("query_first_position_in_title")], EPS);
        assertEquals(3f / 6, product[names.indexOf("title_other_words_share")], EPS);
        float[] complement = item(features, 1);
        // band, compatible, replacement and strap (plurals stemmed); "with" precedes the first "fitbit", word 4 of 9
        assertEquals(4f, complement[names.indexOf("title_accessory_words")], EPS);
        assertEquals(1f, complement[names.indexOf("query_after_for_in_title")], EPS);
        assertEquals(4f / 9, complement[names.indexOf("query_first_position_in_title")], EPS);
        assertEquals(6f / 9, complement[names.indexOf("title_other_words_share")], EPS);
    }

    private static FuseRequest request(String query, ItemData first, ItemData second) {
        return new FuseRequest(
                null,
                List.of(new CandidateList("dense", List.of(new Candidate("x", 0.9), new Candidate("y", 0.8)))),
                10,
                new QueryContext(query),
                Map.of("x", first, "y", second),
                null,
                null);
    }

    private static float[] item(ExtractedFeatures features, int row) {
        return features.item()[row];
    }

    @Test
    void theFlatVectorIsTheBlocksInSchemaOrder() {
        ExtractedFeatures features = extractor.extract(request);
        FeatureSchema schema = features.schema();
        List<String> names = schema.flatNames();

        assertEquals(schema.flatSize(), features.flat()[0].length);
        assertEquals(names.size(), schema.flatSize());
        assertEquals(0.9f, features.flat()[0][names.indexOf("dense.score")], EPS);
        assertEquals(12f, features.flat()[1][names.indexOf("lexical.score")], EPS);
        assertEquals(17f, features.flat()[3][names.indexOf("query_chars")], EPS);
        assertEquals(1f / 3, features.flat()[1][names.indexOf("query_in_color")], EPS);
        assertEquals(1f, features.flat()[4][names.indexOf("graph_path.ACCESSORY_OF")], EPS);
    }

    @Test
    void notFiniteNumbersAreRefusedNamingTheField() {
        FuseRequest nan = new FuseRequest(
                null,
                List.of(
                        new CandidateList("dense", List.of(new Candidate("a", 1))),
                        new CandidateList("lexical", List.of(new Candidate("a", 1), new Candidate("b", Double.NaN)))),
                10);
        ProblemException e = assertThrows(ProblemException.class, () -> extractor.extract(nan));
        assertEquals(400, e.status());
        assertEquals("lists[1].candidates[1].score", e.errors().get(0).field());

        FuseRequest infinitePrice = new FuseRequest(
                null,
                List.of(new CandidateList("dense", List.of(new Candidate("a", 1)))),
                10,
                null,
                Map.of("a", new ItemData("t", null, null, null, null, null, Double.POSITIVE_INFINITY, null)),
                null,
                null);
        assertEquals(
                "items[a].price",
                assertThrows(ProblemException.class, () -> extractor.extract(infinitePrice))
                        .errors()
                        .get(0)
                        .field());
    }

    private static float sum(float[] values, int from) {
        float sum = 0;
        for (int i = from; i < values.length; i++) {
            sum += values[i];
        }
        return sum;
    }
}
