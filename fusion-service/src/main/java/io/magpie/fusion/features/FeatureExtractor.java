package io.magpie.fusion.features;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.graph.GraphPaths;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.Sources;
import io.magpie.fusion.config.FusionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place ranking features are computed, for training and for serving alike (no train/serve skew): a
 * training example is a fuse request exactly as serving receives it. Features of absent things are 0 (an absent
 * source has presence 0; unknown item data has its "known" flag 0), never NaN, so every model can read them.
 */
@ApplicationScoped
public class FeatureExtractor {

    /** Bump {@link FeatureSchema#version()} on any change below: trained models name the schema they read. */
    public static final FeatureSchema SCHEMA = new FeatureSchema(
            "magpie-fusion",
            3,
            List.of(Sources.DENSE, Sources.LEXICAL, Sources.GRAPH, Sources.COLLABORATIVE, "popularity"),
            List.of("present", "rank", "score", "score_minmax", "score_z", "reciprocal_rank"),
            List.of(
                    "query_words",
                    "query_chars",
                    "graph_named_brand",
                    "graph_named_category",
                    "graph_named_attribute",
                    "dense_lexical_top10_overlap",
                    "query_has_number",
                    "dense_top_score",
                    "lexical_top_score"),
            itemFeatureNames());

    /** How many top items of dense and lexical are compared for their overlap. */
    static final int OVERLAP_DEPTH = 10;

    /** Item features before the text matches: the candidate's own data. */
    private static final int OWN_DATA_FEATURES = 7;

    private static List<String> itemFeatureNames() {
        List<String> names = new ArrayList<>(List.of(
                "item_known", "rating", "rating_known", "log_rating_count", "price_known", "in_stock", "title_words"));
        names.addAll(TextMatches.NAMES);
        // dense cosine is the dense source's raw score (dense.score): not repeated here
        GraphPaths.ALL.forEach(kind -> names.add("graph_path." + kind));
        return List.copyOf(names);
    }

    /** Candidates' analysed text, reused across requests (values as if analysed anew: ItemTextCache). */
    private final ItemTextCache texts;

    /** Outside CDI (tests, benchmarks): a cache of the default size. */
    public FeatureExtractor() {
        this(new ItemTextCache(ItemTextCache.DEFAULT_SIZE));
    }

    @Inject
    public FeatureExtractor(FusionConfig config) {
        this(new ItemTextCache(config.features().textCacheSize()));
    }

    FeatureExtractor(ItemTextCache texts) {
        this.texts = texts;
    }

    public FeatureSchema schema() {
        return SCHEMA;
    }

    /**
     * Features of every candidate of the request.
     *
     * @throws ProblemException 400 naming the field when a score or an item's number is NaN or infinite
     */
    public ExtractedFeatures extract(FuseRequest request) {
        validate(request);
        FeatureSchema schema = SCHEMA;
        List<String> sources = schema.sources();
        int perSourceSize = schema.perSourceFeatures().size();

        // candidates in order of first appearance; per source, each id at its first (best) position
        Map<String, Integer> row = new LinkedHashMap<>();
        List<Map<String, Candidate>> firstBySource = new ArrayList<>();
        List<Map<String, Integer>> rankBySource = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            firstBySource.add(new HashMap<>());
            rankBySource.add(new HashMap<>());
        }
        for (CandidateList list : request.lists()) {
            int s = sources.indexOf(list.source());
            int rank = 0;
            for (Candidate candidate : list.candidates()) {
                rank++;
                row.putIfAbsent(candidate.id(), row.size());
                // a source the schema does not know still adds its candidates, without features
                if (s >= 0 && !firstBySource.get(s).containsKey(candidate.id())) {
                    firstBySource.get(s).put(candidate.id(), candidate);
                    rankBySource.get(s).put(candidate.id(), rank);
                }
            }
        }
        List<String> ids = List.copyOf(row.keySet());
        int n = ids.size();

        float[][][] perSource = new float[n][sources.size()][perSourceSize];
        for (int s = 0; s < sources.size(); s++) {
            Map<String, Candidate> firsts = firstBySource.get(s);
            if (firsts.isEmpty()) {
                continue;
            }
            ScoreStats stats = ScoreStats.of(firsts.values());
            for (Map.Entry<String, Candidate> entry : firsts.entrySet()) {
                int rank = rankBySource.get(s).get(entry.getKey());
                double score = entry.getValue().score();
                float[] f = perSource[row.get(entry.getKey())][s];
                f[0] = 1f;
                f[1] = rank;
                f[2] = (float) score;
                f[3] = (float) stats.minMax(score);
                f[4] = (float) stats.z(score);
                f[5] = 1f / rank;
            }
        }

        List<String> queryWords = Words.distinct(
                request.context() == null ? null : request.context().text());
        String queryText = request.context() == null || request.context().text() == null
                ? ""
                : request.context().text().strip();
        int graph = sources.indexOf(Sources.GRAPH);
        Map<String, Candidate> graphCandidates = firstBySource.get(graph);
        Set<String> namedKinds = new HashSet<>();
        graphCandidates.values().forEach(c -> {
            if (c.paths() != null) {
                namedKinds.addAll(c.paths());
            }
        });
        float[] context = {
            queryWords.size(),
            queryText.length(),
            namedKinds.contains(GraphPaths.QUERY_NAMES_BRAND) ? 1f : 0f,
            namedKinds.contains(GraphPaths.QUERY_NAMES_CATEGORY) ? 1f : 0f,
            namedKinds.contains(GraphPaths.QUERY_NAMES_ATTRIBUTE) ? 1f : 0f,
            (float) topOverlap(request.lists(), Sources.DENSE, Sources.LEXICAL),
            queryWords.stream().anyMatch(Words::hasDigit) ? 1f : 0f,
            topScore(firstBySource.get(sources.indexOf(Sources.DENSE))),
            topScore(firstBySource.get(sources.indexOf(Sources.LEXICAL)))
        };

        Map<String, ItemData> items = request.items() == null ? Map.of() : request.items();
        List<ItemText> text = new ArrayList<>(n);
        ids.forEach(id -> text.add(texts.of(id, items.get(id))));
        float[][] matches = TextMatches.of(text, queryText);
        float[][] item = new float[n][schema.itemFeatures().size()];
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            ownData(items.get(id), text.get(i), item[i]);
            System.arraycopy(matches[i], 0, item[i], OWN_DATA_FEATURES, matches[i].length);
            graphPaths(graphCandidates.get(id), item[i], OWN_DATA_FEATURES + matches[i].length);
        }

        float[][] flat = new float[n][schema.flatSize()];
        for (int i = 0; i < n; i++) {
            int at = 0;
            for (int s = 0; s < sources.size(); s++) {
                System.arraycopy(perSource[i][s], 0, flat[i], at, perSourceSize);
                at += perSourceSize;
            }
            System.arraycopy(context, 0, flat[i], at, context.length);
            at += context.length;
            System.arraycopy(item[i], 0, flat[i], at, item[i].length);
        }
        return new ExtractedFeatures(schema, ids, perSource, context, item, flat);
    }

    private static void ownData(ItemData data, ItemText text, float[] f) {
        if (data != null) {
            f[0] = 1f;
            f[1] = data.rating() == null ? 0f : data.rating().floatValue();
            f[2] = data.rating() == null ? 0f : 1f;
            f[3] = data.ratingCount() == null ? 0f : (float) Math.log1p(Math.max(0, data.ratingCount()));
            f[4] = data.price() == null ? 0f : 1f;
            f[5] = Boolean.FALSE.equals(data.inStock()) ? 0f : 1f;
            f[6] = text.title().size(); // one stem per word
        }
    }

    private static void graphPaths(Candidate graphCandidate, float[] f, int from) {
        if (graphCandidate != null && graphCandidate.paths() != null) {
            for (String kind : graphCandidate.paths()) {
                int k = GraphPaths.ALL.indexOf(kind);
                if (k >= 0) {
                    f[from + k] = 1f;
                }
            }
        }
    }

    /** The best raw score of a source's list (0 when it has none): how sure the source is of its top hit. */
    private static float topScore(Map<String, Candidate> firsts) {
        return (float)
                firsts.values().stream().mapToDouble(Candidate::score).max().orElse(0);
    }

    /** Share of the first list's top 10 that is also in the second's top 10 (0 when either is missing). */
    static double topOverlap(List<CandidateList> lists, String first, String second) {
        Set<String> a = top(lists, first);
        Set<String> b = top(lists, second);
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long shared = a.stream().filter(b::contains).count();
        return (double) shared / OVERLAP_DEPTH;
    }

    private static Set<String> top(List<CandidateList> lists, String source) {
        Set<String> ids = new HashSet<>();
        for (CandidateList list : lists) {
            if (list.source().equals(source)) {
                for (Candidate candidate : list.candidates()) {
                    if (ids.size() == OVERLAP_DEPTH) {
                        break;
                    }
                    ids.add(candidate.id());
                }
                break;
            }
        }
        return ids;
    }

    /** A NaN or infinite number would poison every score of the request: refused, naming where it is. */
    public static void validate(FuseRequest request) {
        for (int l = 0; l < request.lists().size(); l++) {
            CandidateList list = request.lists().get(l);
            if (list.source() == null || list.candidates() == null) {
                throw ProblemException.invalidField("lists[" + l + "]", "needs a source and candidates");
            }
            for (int c = 0; c < list.candidates().size(); c++) {
                Candidate candidate = list.candidates().get(c);
                if (candidate == null || candidate.id() == null) {
                    throw ProblemException.invalidField("lists[" + l + "].candidates[" + c + "].id", "is missing");
                }
                if (!Double.isFinite(candidate.score())) {
                    throw ProblemException.invalidField(
                            "lists[" + l + "].candidates[" + c + "].score",
                            "must be a finite number, not " + candidate.score());
                }
            }
        }
        if (request.items() != null) {
            request.items().forEach((id, data) -> {
                if (data != null) {
                    finite("items[" + id + "].rating", data.rating());
                    finite("items[" + id + "].price", data.price());
                }
            });
        }
    }

    private static void finite(String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw ProblemException.invalidField(field, "must be a finite number, not " + value);
        }
    }

    /** Min, max, mean and standard deviation of one source's scores. */
    record ScoreStats(double min, double max, double mean, double sd) {

        static ScoreStats of(Iterable<Candidate> candidates) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            double sumSquares = 0;
            int n = 0;
            for (Candidate c : candidates) {
                min = Math.min(min, c.score());
                max = Math.max(max, c.score());
                sum += c.score();
                sumSquares += c.score() * c.score();
                n++;
            }
            double mean = sum / n;
            double variance = Math.max(0, sumSquares / n - mean * mean);
            return new ScoreStats(min, max, mean, Math.sqrt(variance));
        }

        /** As the fixed strategies normalise: a list without spread scores 1.0 (each is as good as its best). */
        double minMax(double score) {
            double range = max - min;
            return range > 0 ? (score - min) / range : 1.0;
        }

        /** 0 for a list without spread. */
        double z(double score) {
            return sd > 1e-12 ? (score - mean) / sd : 0.0;
        }
    }
}
