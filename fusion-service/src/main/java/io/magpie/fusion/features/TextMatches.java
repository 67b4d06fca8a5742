package io.magpie.fusion.features;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well each candidate's catalogue text matches the query, field by field: shares of the query's words found
 * in title, brand, category, colour and bullet points; the title's IDF-weighted coverage, adjacent word pairs and
 * whole phrase; the query's numbers found in the text; whether the candidate's brand or colour is named by the
 * query; BM25 of title and bullet points; and the title's shape ({@link TitleShape}: is it a complement of what
 * the query names?). Word statistics (IDF, average field length) come from the request's
 * own candidates: the request does not carry the catalogue's statistics, and the candidates are the documents
 * this query's ranking is about. Words are compared after {@link Words#stem}; each candidate's own text comes
 * analysed ({@link ItemText}), so a request only looks the query's words up in it.
 */
final class TextMatches {

    static final List<String> NAMES = List.of(
            "query_in_title",
            "query_in_brand",
            "query_in_category",
            "query_in_color",
            "query_in_bullets",
            "query_in_any_field",
            "query_idf_in_title",
            "query_pairs_in_title",
            "query_phrase_in_title",
            "query_numbers_in_text",
            "brand_in_query",
            "color_in_query",
            "title_bm25",
            "title_bm25_minmax",
            "bullets_bm25",
            "bullets_bm25_minmax",
            "title_accessory_words",
            "query_after_for_in_title",
            "query_first_position_in_title",
            "title_other_words_share");

    /**
     * Words that make a title an accessory or a part of the thing named (a band for a fitness tracker, a case for a
     * phone), as stems: with the query's own words absent from the title, such an item is usually a complement.
     */
    private static final Set<String> ACCESSORY_WORDS = Set.copyOf(Words.stems(
            "accessory band strap case cover compatible replacement charger charging cable protector holder mount "
                    + "adapter skin sleeve stand dock refill part kit"));

    /** Words after which a title names what the item is for ("case for iphone 12", "compatible with fitbit"). */
    private static final Set<String> FOR_WORDS = Set.of("for", "compatible", "fits", "fit", "with");

    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private TextMatches() {}

    /** One row of {@link #NAMES} per candidate; a candidate without catalogue data (null) scores 0 everywhere. */
    static float[][] of(List<ItemText> fields, String queryText) {
        List<String> query = Words.stems(queryText);
        List<String> distinctQuery = List.copyOf(new java.util.LinkedHashSet<>(query));
        List<String> numbers = distinctQuery.stream().filter(Words::hasDigit).toList();
        Set<String> querySet = new HashSet<>(query);
        int n = fields.size();
        Map<String, Double> idf = idf(distinctQuery, fields);
        double averageTitle = averageLength(fields, true);
        double averageBullets = averageLength(fields, false);

        float[][] rows = new float[n][NAMES.size()];
        for (int i = 0; i < n; i++) {
            ItemText f = fields.get(i);
            if (f == null) {
                continue;
            }
            float[] r = rows[i];
            Set<String> title = f.titleTf().keySet();
            r[0] = share(distinctQuery, title);
            r[1] = share(distinctQuery, f.brand());
            r[2] = share(distinctQuery, f.category());
            r[3] = share(distinctQuery, f.color());
            r[4] = share(distinctQuery, f.bullets().keySet());
            r[5] = share(distinctQuery, f.all());
            r[6] = idfShare(distinctQuery, title, idf);
            r[7] = pairsFound(query, f.title());
            r[8] = !query.isEmpty() && Words.containsSequence(f.title(), query) ? 1f : 0f;
            r[9] = share(numbers, f.all());
            r[10] = allFound(f.brand(), querySet) ? 1f : 0f;
            r[11] = allFound(f.color(), querySet) ? 1f : 0f;
            r[12] = (float) bm25(distinctQuery, f.titleTf(), f.title().size(), averageTitle, idf);
            r[14] = (float) bm25(distinctQuery, f.bullets(), f.bulletsLength(), averageBullets, idf);
            TitleShape shape = TitleShape.of(f.title(), querySet);
            r[16] = shape.accessoryWords();
            r[17] = shape.queryAfterFor() ? 1f : 0f;
            r[18] = shape.firstQueryPosition();
            r[19] = shape.otherWordsShare();
        }
        minMax(rows, 12, 13);
        minMax(rows, 14, 15);
        return rows;
    }

    /**
     * Where the query sits in the title: main products name it first, complements name it after "for" or
     * "compatible with" and add accessory words.
     *
     * @param accessoryWords     accessory words in the title that the query does not use
     * @param queryAfterFor      whether a "for"-like word precedes the title's first query word
     * @param firstQueryPosition the first query word's position over the title's length (1 when none is found)
     * @param otherWordsShare    share of the title's words that are not the query's
     */
    private record TitleShape(
            float accessoryWords, boolean queryAfterFor, float firstQueryPosition, float otherWordsShare) {

        static TitleShape of(List<String> title, Set<String> query) {
            if (title.isEmpty()) {
                return new TitleShape(0f, false, 1f, 0f);
            }
            Set<String> accessories = new HashSet<>();
            int first = -1;
            int others = 0;
            for (int i = 0; i < title.size(); i++) {
                String word = title.get(i);
                if (query.contains(word)) {
                    first = first < 0 ? i : first;
                } else {
                    others++;
                    if (ACCESSORY_WORDS.contains(word)) {
                        accessories.add(word);
                    }
                }
            }
            boolean afterFor = false;
            for (int i = 0; i < first; i++) {
                afterFor |= FOR_WORDS.contains(title.get(i));
            }
            return new TitleShape(
                    accessories.size(),
                    afterFor,
                    first < 0 ? 1f : (float) first / title.size(),
                    (float) others / title.size());
        }
    }

    /** BM25's IDF of each query word over the candidates' text (any field), never negative. */
    private static Map<String, Double> idf(List<String> query, List<ItemText> fields) {
        int documents = 0;
        Map<String, Integer> frequency = new HashMap<>();
        for (ItemText f : fields) {
            if (f == null) {
                continue;
            }
            documents++;
            Set<String> all = f.all();
            for (String word : query) {
                if (all.contains(word)) {
                    frequency.merge(word, 1, Integer::sum);
                }
            }
        }
        Map<String, Double> idf = new HashMap<>();
        for (String word : query) {
            int df = frequency.getOrDefault(word, 0);
            idf.put(word, Math.log(1 + (documents - df + 0.5) / (df + 0.5)));
        }
        return idf;
    }

    private static double averageLength(List<ItemText> fields, boolean title) {
        double sum = 0;
        int count = 0;
        for (ItemText f : fields) {
            if (f != null) {
                sum += title ? f.title().size() : f.bulletsLength();
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** {@code tf}: how often each word occurs in the field; {@code length}: the field's number of words. */
    private static double bm25(
            List<String> query, Map<String, Integer> tf, int length, double averageLength, Map<String, Double> idf) {
        if (length == 0 || averageLength <= 0) {
            return 0;
        }
        double norm = K1 * (1 - B + B * length / averageLength);
        double score = 0;
        for (String word : query) {
            int f = tf.getOrDefault(word, 0);
            if (f > 0) {
                score += idf.get(word) * f * (K1 + 1) / (f + norm);
            }
        }
        return score;
    }

    private static float share(List<String> words, Set<String> field) {
        if (words.isEmpty() || field.isEmpty()) {
            return 0f;
        }
        int found = 0;
        for (String word : words) {
            if (field.contains(word)) {
                found++;
            }
        }
        return (float) found / words.size();
    }

    private static float idfShare(List<String> query, Set<String> field, Map<String, Double> idf) {
        double total = 0;
        double found = 0;
        for (String word : query) {
            total += idf.get(word);
            if (field.contains(word)) {
                found += idf.get(word);
            }
        }
        return total > 0 ? (float) (found / total) : 0f;
    }

    /** Share of the query's adjacent word pairs that are adjacent in the field too (0 for one-word queries). */
    private static float pairsFound(List<String> query, List<String> field) {
        if (query.size() < 2 || field.size() < 2) {
            return 0f;
        }
        int found = 0;
        for (int i = 1; i < query.size(); i++) {
            if (adjacent(field, query.get(i - 1), query.get(i))) {
                found++;
            }
        }
        return (float) found / (query.size() - 1);
    }

    private static boolean adjacent(List<String> field, String first, String second) {
        for (int i = 1; i < field.size(); i++) {
            if (field.get(i - 1).equals(first) && field.get(i).equals(second)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a non-empty field's words all occur in the query (the query names this brand or colour). */
    private static boolean allFound(Collection<String> field, Set<String> query) {
        return !field.isEmpty() && query.containsAll(field);
    }

    /** Column {@code to} = column {@code from} scaled to [0, 1] over the candidates (all 0 without spread). */
    private static void minMax(float[][] rows, int from, int to) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] r : rows) {
            min = Math.min(min, r[from]);
            max = Math.max(max, r[from]);
        }
        float range = max - min;
        for (float[] r : rows) {
            r[to] = range > 0 ? (r[from] - min) / range : 0f;
        }
    }
}
