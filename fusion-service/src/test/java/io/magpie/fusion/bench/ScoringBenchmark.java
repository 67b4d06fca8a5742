package io.magpie.fusion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.FusionStrategy;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.fusion.QueryContext;
import io.magpie.api.graph.GraphPaths;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.features.ExtractedFeatures;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.LoadedModel;
import io.magpie.fusion.ranking.ModelRanking;
import io.magpie.fusion.ranking.trees.TreeParameters;
import io.magpie.fusion.ranking.trees.TreeRanker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Time to rank one request's candidates with a LambdaMART model in fusion-service's own code path (feature
 * extraction, one batched predict, sort), in process, one request at a time, for 100, 300 and 1,000 candidates;
 * also with explanations (per-feature contributions), features alone and prediction alone. The single model has
 * 500 rounds of depth-4 trees (more than max-rounds allows; early stopping usually keeps fewer); bagged models at
 * their largest and at the size ESCI training makes. Products carry
 * ESCI-like text (titles of about 17 words, bullet points of about 115), and every call gets its own copy of the
 * request's text, as a deserialised request does; "seen before" products were in earlier requests (the steady state
 * of a catalogue's popular products), "not seen before" ones never were (each call's ids are new). Runs only when
 * asked:
 * <pre>
 * nice -n 5 ./mvnw -B -o -q -pl fusion-service -am test -Dtest=ScoringBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true
 * </pre>
 * Writes {@code docs/benchmarks/fusion-scoring.md} and {@code .json} ({@code -Dmagpie.bench.jfr=<file>} also
 * records a Flight Recorder profile of the measured rows); the reading written by hand between the
 * markers of the existing page is kept. The feature digest (a hash of every feature value of fixed requests) is
 * the same for any code that computes the same features: compare it across versions.
 */
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class ScoringBenchmark {

    private static final int[] SIZES = {100, 300, 1000};
    private static final int ROUNDS = 500;
    /** A bagged model (docs/adr/0042) at its largest: the refit and four inner-fold models of max-rounds each. */
    private static final int BAG_MEMBERS = 5;

    private static final int BAG_ROUNDS = TreeParameters.DEFAULTS.maxRounds();
    /** A bag the size ESCI training makes: the inner folds chose 118 rounds per member on average (ADR 0042). */
    private static final int ESCI_BAG_ROUNDS = 120;

    private static final int DEPTH = 4;
    private static final int WARM_UP = 200;
    private static final int MEASURED = 500;
    /** Explanations take tens of milliseconds (a debugging path): fewer calls, so their p99 is about the slowest. */
    private static final int EXPLAINED_WARM_UP = 20;

    private static final int EXPLAINED_MEASURED = 100;
    /** Products whose text the memory figure holds. */
    private static final int MEMORY_PRODUCTS = 10_000;

    private static final String READING_START = "<!-- reading:start -->";
    private static final String READING_END = "<!-- reading:end -->";

    private static final List<String> QUERIES = List.of(
            "paper towel holder stainless",
            "stainless steel kitchen towels rack",
            "32gb sd cards",
            "wireless headphones with mic",
            "holders for paper towel");

    private final Catalogue catalogue = new Catalogue();

    @Test
    void scoreCandidates() throws Exception {
        FeatureExtractor extractor = new FeatureExtractor();
        ModelRanking ranking = new ModelRanking(extractor);
        LoadedModel model = new LoadedModel(
                new ModelDescriptor(
                        "bench",
                        "1",
                        ModelDescriptor.LAMBDAMART,
                        extractor.schema(),
                        Instant.now(),
                        Map.of(),
                        Map.of(),
                        null),
                trainedModel(extractor));
        LoadedModel bagged = new LoadedModel(model.descriptor(), baggedModel(extractor, BAG_ROUNDS));
        LoadedModel esciBag = new LoadedModel(model.descriptor(), baggedModel(extractor, ESCI_BAG_ROUNDS));
        double loadAtStart = load();
        System.out.printf(
                Locale.ROOT,
                "%s, %d cores, Java %s, 1-minute load average %.2f%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAtStart);
        String digest = featureDigest(new FeatureExtractor());
        String digestCached = featureDigest(extractor);
        featureDigest(extractor); // the second pass reads the first's cached text, where there is a cache
        String digestAgain = featureDigest(extractor);
        System.out.println("feature digest: " + digest + " (again with the same extractor: " + digestAgain + ")");
        if (!digest.equals(digestCached) || !digest.equals(digestAgain)) {
            throw new AssertionError(
                    "features differ between passes: " + digest + ", " + digestCached + ", " + digestAgain);
        }
        // JIT and XGBoost's first calls: before any row, so the first row measures the same code as the others
        for (int size : SIZES) {
            for (int i = 0; i < WARM_UP / 2; i++) {
                ranking.rank(catalogue.seen(size, i, false), model);
                ranking.rank(catalogue.unseen(size, i), model);
                ranking.rank(catalogue.seen(size, i, false), bagged);
                ranking.rank(catalogue.seen(size, i, false), esciBag);
            }
        }

        Recording profile = profile();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int size : SIZES) {
            rows.add(measure(size, "rank (features + predict + sort)", i -> {
                FuseRequest request = catalogue.seen(size, i, false);
                return () -> ranking.rank(request, model);
            }));
            rows.add(measure(size, "rank, products not seen before", i -> {
                FuseRequest request = catalogue.unseen(size, i);
                return () -> ranking.rank(request, model);
            }));
            rows.add(measure(size, "rank with explanations", EXPLAINED_WARM_UP, EXPLAINED_MEASURED, i -> {
                FuseRequest request = catalogue.seen(size, i, true);
                return () -> ranking.rank(request, model);
            }));
            rows.add(measure(size, "features only", i -> {
                FuseRequest request = catalogue.seen(size, i, false);
                return () -> extractor.extract(request);
            }));
            rows.add(measure(size, "features only, products not seen before", i -> {
                FuseRequest request = catalogue.unseen(size, i);
                return () -> extractor.extract(request);
            }));
            float[][] flat = extractor.extract(catalogue.seen(size, 0, false)).flat();
            rows.add(measure(
                    size,
                    "predict only (one batched call)",
                    i -> () -> model.trees().score(flat)));
            rows.addAll(bagRows(size, "bagged", "predict only (one batched call per member)", ranking, bagged, flat));
            rows.addAll(bagRows(size, "bagged as trained on ESCI", "predict only", ranking, esciBag, flat));
            if (size == 300) {
                rows.add(measure(size, "bagged: rank with explanations", EXPLAINED_WARM_UP, EXPLAINED_MEASURED, i -> {
                    FuseRequest request = catalogue.seen(size, i, true);
                    return () -> ranking.rank(request, bagged);
                }));
            }
        }
        if (profile != null) {
            profile.dump(Path.of(System.getProperty("magpie.bench.jfr")));
            profile.close();
        }
        double loadAtEnd = load();
        double heapPerProduct = heapPerProduct();
        System.out.printf(
                Locale.ROOT,
                "heap held per product after extracting the features of %,d products: %.2f KB%n"
                        + "1-minute load average at the end %.2f%n",
                MEMORY_PRODUCTS,
                heapPerProduct / 1024,
                loadAtEnd);
        write(rows, loadAtStart, loadAtEnd, digest, heapPerProduct);
    }

    /** A bagged model's rows: its whole rank, and its prediction alone (as {@code predictRow}). */
    private List<Map<String, Object>> bagRows(
            int size, String label, String predictRow, ModelRanking ranking, LoadedModel bag, float[][] flat) {
        Map<String, Object> rank = measure(size, label + ": rank (features + predict + sort)", i -> {
            FuseRequest request = catalogue.seen(size, i, false);
            return () -> ranking.rank(request, bag);
        });
        return List.of(
                rank,
                measure(size, label + ": " + predictRow, i -> () -> bag.trees().score(flat)));
    }

    /** With {@code -Dmagpie.bench.jfr=<file>}, a Flight Recorder profile of the measured rows. */
    private static Recording profile() throws Exception {
        if (System.getProperty("magpie.bench.jfr") == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** {@code prepare} builds call {@code i}'s input (not timed) and returns the timed call. */
    private static Map<String, Object> measure(int size, String what, IntFunction<Runnable> prepare) {
        return measure(size, what, WARM_UP, MEASURED, prepare);
    }

    private static Map<String, Object> measure(
            int size, String what, int warmUp, int measured, IntFunction<Runnable> prepare) {
        double load = load();
        for (int i = 0; i < warmUp; i++) {
            prepare.apply(i).run();
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            Runnable call = prepare.apply(warmUp + i);
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("candidates", size);
        row.put("what", what);
        row.put("calls", measured);
        row.put("p50Ms", nanos[measured / 2] / 1e6);
        row.put("p99Ms", nanos[(int) (measured * 0.99)] / 1e6);
        row.put("meanMs", Arrays.stream(nanos).average().orElse(0) / 1e6);
        row.put("loadAverage", load);
        System.out.printf(
                Locale.ROOT,
                "%5d %-42s p50 %8.3f ms  p99 %8.3f ms  mean %8.3f ms  (load %.2f)%n",
                size,
                what,
                (double) row.get("p50Ms"),
                (double) row.get("p99Ms"),
                (double) row.get("meanMs"),
                load);
        return row;
    }

    /** A hash of every feature value (bits, not rounded) of fixed requests: equal iff the features are. */
    private String featureDigest(FeatureExtractor extractor) {
        long hash = 0xcbf29ce484222325L;
        for (int size : SIZES) {
            for (int q = 0; q < QUERIES.size(); q++) {
                ExtractedFeatures features = extractor.extract(catalogue.seen(size, q, false));
                for (int i = 0; i < features.size(); i++) {
                    hash = (hash ^ features.ids().get(i).hashCode()) * 0x100000001b3L;
                    for (float value : features.flat()[i]) {
                        hash = (hash ^ Float.floatToIntBits(value)) * 0x100000001b3L;
                    }
                }
            }
        }
        return String.format(Locale.ROOT, "%016x", hash);
    }

    /** Heap the extractor keeps after seeing {@link #MEMORY_PRODUCTS} products (0 where it keeps nothing). */
    private double heapPerProduct() {
        long before = usedHeapAfterGc();
        FeatureExtractor extractor = new FeatureExtractor();
        for (int from = 0; from < MEMORY_PRODUCTS; from += 1000) {
            extractor.extract(catalogue.range("M", from, 1000, QUERIES.get(0)));
        }
        long after = usedHeapAfterGc();
        double perProduct = (double) (after - before) / MEMORY_PRODUCTS;
        extractor.extract(catalogue.range("M", 0, 1, QUERIES.get(0))); // keeps the extractor reachable until here
        return perProduct;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** {@link #ROUNDS} depth-4 rounds on random rows with graded labels: larger than any single model trained. */
    private static TreeRanker trainedModel(FeatureExtractor extractor) throws Exception {
        return TreeRanker.load(boosted(extractor, ROUNDS, 0), extractor.schema().flatSize());
    }

    /** {@link #BAG_MEMBERS} members of {@code rounds} rounds, each on its own subsample (as bagging's are). */
    private static TreeRanker baggedModel(FeatureExtractor extractor, int rounds) throws Exception {
        List<byte[]> members = new ArrayList<>();
        for (int m = 0; m < BAG_MEMBERS; m++) {
            members.add(boosted(extractor, rounds, m + 1));
        }
        return TreeRanker.load(members, extractor.schema().flatSize(), null);
    }

    /** Depth-4 trees on random rows with graded labels; seed 0 sees every row, others a subsample. */
    private static byte[] boosted(FeatureExtractor extractor, int rounds, int seed) throws Exception {
        int features = extractor.schema().flatSize();
        Random random = new Random(7);
        int groups = 40;
        int perGroup = 200;
        float[] data = new float[groups * perGroup * features];
        float[] labels = new float[groups * perGroup];
        for (int i = 0; i < labels.length; i++) {
            float signal = 0;
            for (int f = 0; f < features; f++) {
                float value = random.nextFloat();
                data[i * features + f] = value;
                signal += value * ((f % 7) - 3);
            }
            labels[i] = Math.max(0, Math.min(3, Math.round(signal / 8 + random.nextFloat())));
        }
        int[] sizes = new int[groups];
        Arrays.fill(sizes, perGroup);
        DMatrix matrix = new DMatrix(data, labels.length, features, Float.NaN);
        matrix.setLabel(labels);
        matrix.setGroup(sizes);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "rank:ndcg");
        params.put("max_depth", DEPTH);
        params.put("eta", 0.05);
        params.put("min_child_weight", 0);
        params.put("nthread", 1);
        params.put("verbosity", 0);
        if (seed > 0) {
            params.put("subsample", 0.8);
            params.put("seed", seed);
        }
        Booster booster = XGBoost.train(matrix, params, rounds, Map.of(), null, null);
        matrix.dispose();
        byte[] bytes = booster.toByteArray("ubj");
        booster.dispose();
        return bytes;
    }

    /**
     * Products with ESCI-like text (a few real words, many rarer made-up ones; plurals, numbers with units), and
     * requests over them. Dense lists every candidate, lexical half of them, graph a quarter (with path kinds).
     */
    private static final class Catalogue {

        private static final List<String> COMMON = List.of(
                "stainless",
                "steel",
                "paper",
                "towel",
                "towels",
                "holder",
                "holders",
                "kitchen",
                "with",
                "for",
                "and",
                "the",
                "wireless",
                "headphones",
                "mic",
                "sd",
                "card",
                "cards",
                "32gb",
                "64GB",
                "pack",
                "2-pack",
                "black",
                "white",
                "silver",
                "set",
                "of",
                "rack",
                "base",
                "weighted",
                "easy",
                "to",
                "clean",
                "batteries",
                "boxes",
                "brushes",
                "glass",
                "USB-C",
                "bluetooth",
                "5.0",
                "inch",
                "12\"",
                "premium",
                "quality");
        private static final String[] SYLLABLES = {
            "ka", "ro", "mi", "ten", "lo", "var", "sen", "tri", "po", "dex", "ul", "fa", "qua", "zen", "bri", "mon"
        };

        private final List<String> vocabulary = new ArrayList<>(COMMON);
        /** The text of product {@code i} of the catalogue; ids and request copies are made per call. */
        private final List<ItemData> products = new ArrayList<>();

        private int unseenRequests;

        Catalogue() {
            Random random = new Random(3);
            for (int i = 0; i < 3000; i++) {
                StringBuilder word = new StringBuilder();
                for (int s = 2 + random.nextInt(2); s > 0; s--) {
                    word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                vocabulary.add(word.append(random.nextInt(4) == 0 ? "s" : "").toString());
            }
            for (int i = 0; i < Math.max(MEMORY_PRODUCTS, SIZES[SIZES.length - 1]); i++) {
                List<String> bullets = new ArrayList<>();
                for (int b = 0; b < 5; b++) {
                    bullets.add(text(random, 18 + random.nextInt(10)));
                }
                products.add(new ItemData(
                        text(random, 12 + random.nextInt(11)),
                        "Brand " + vocabulary.get(COMMON.size() + random.nextInt(50)),
                        List.of("Home & Kitchen", "Kitchen", "Paper Towel Holders"),
                        random.nextBoolean() ? "Silver" : null,
                        3.5 + random.nextDouble(),
                        random.nextInt(5000),
                        10 + random.nextDouble() * 40,
                        random.nextInt(10) > 0,
                        bullets));
            }
        }

        /** Skewed towards the first (common) words, as product text is. */
        private String text(Random random, int words) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                int index = (int) (vocabulary.size() * Math.pow(random.nextDouble(), 3));
                text.append(w == 0 ? "" : " ").append(vocabulary.get(index));
            }
            return text.toString();
        }

        /** The first {@code size} products, under the same ids every call: products seen before. */
        FuseRequest seen(int size, int call, boolean explain) {
            return request("B0", 0, size, QUERIES.get(call % QUERIES.size()), explain);
        }

        /** Products under ids no call used before: never seen. */
        FuseRequest unseen(int size, int call) {
            return request("N" + unseenRequests++ + "-", 0, size, QUERIES.get(call % QUERIES.size()), false);
        }

        FuseRequest range(String idPrefix, int from, int size, String query) {
            return request(idPrefix, from, size, query, false);
        }

        private FuseRequest request(String idPrefix, int from, int size, String query, boolean explain) {
            List<Candidate> dense = new ArrayList<>();
            List<Candidate> lexical = new ArrayList<>();
            List<Candidate> graph = new ArrayList<>();
            Map<String, ItemData> items = new HashMap<>();
            for (int i = 0; i < size; i++) {
                String id = idPrefix + (from + i);
                dense.add(new Candidate(id, 0.9 - i * 0.0005));
                if (i % 2 == 0) {
                    lexical.add(new Candidate(id, 20 - i * 0.01));
                }
                if (i % 4 == 0) {
                    graph.add(new Candidate(
                            id, 3 - i * 0.001, "path", List.of(GraphPaths.ALL.get(i % GraphPaths.ALL.size()))));
                }
                items.put(id, copy(products.get(from + i)));
            }
            return new FuseRequest(
                    FusionStrategy.MODEL,
                    List.of(
                            new CandidateList("dense", dense),
                            new CandidateList("lexical", lexical),
                            new CandidateList("graph", graph)),
                    100,
                    new QueryContext(query),
                    items,
                    null,
                    explain ? Boolean.TRUE : null);
        }

        /** Text in new strings, as each deserialised request has its own. */
        private static ItemData copy(ItemData data) {
            return new ItemData(
                    new String(data.title()),
                    new String(data.brand()),
                    data.category().stream().map(String::new).toList(),
                    data.color() == null ? null : new String(data.color()),
                    data.rating(),
                    data.ratingCount(),
                    data.price(),
                    data.inStock(),
                    data.bulletPoints().stream().map(String::new).toList());
        }
    }

    private static void write(
            List<Map<String, Object>> rows, double loadAtStart, double loadAtEnd, String digest, double heapPerProduct)
            throws Exception {
        Path docs = Path.of(System.getProperty("magpie.root", ".")).resolve("docs/benchmarks");
        Files.createDirectories(docs);
        int features = new FeatureExtractor().schema().flatSize();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ranAt", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("loadAverageAtStart", loadAtStart);
        json.put("loadAverageAtEnd", loadAtEnd);
        json.put("model", Map.of("rounds", ROUNDS, "maxDepth", DEPTH, "features", features));
        json.put("baggedModel", Map.of("members", BAG_MEMBERS, "roundsEach", BAG_ROUNDS, "maxDepth", DEPTH));
        json.put("esciSizedBag", Map.of("members", BAG_MEMBERS, "roundsEach", ESCI_BAG_ROUNDS, "maxDepth", DEPTH));
        json.put("warmUp", WARM_UP);
        json.put("measured", MEASURED);
        json.put("featureDigest", digest);
        json.put("heapPerProductBytes", Math.round(heapPerProduct));
        json.put("rows", rows);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(docs.resolve("fusion-scoring.json").toFile(), json);

        StringBuilder md = new StringBuilder();
        md.append("# Fusion scoring latency (LambdaMART)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Time for fusion-service to rank one request's candidates with a learned model, in process "
                        + "(`ModelRanking.rank`: feature extraction with the serving `FeatureExtractor`, one batched "
                        + "XGBoost `inplace_predict`, sort), one request at a time on one thread, %d warm-up then %d "
                        + "measured calls per row (explanations: %d and %d). Model: %d rounds of depth-%d trees over %d features (more than the "
                        + "configured max-rounds of %d; early stopping usually keeps fewer, so serving models are cheaper). "
                        + "Requests: dense lists every candidate, lexical half of them, graph a quarter; every "
                        + "candidate has catalogue data with ESCI-like text (titles of about 17 words, five bullet "
                        + "points of about 23), in its own copy per call as a deserialised request has. \"Seen "
                        + "before\" (the plain rows): the products were in earlier requests, so their analysed text "
                        + "is cached; \"not seen before\": every call's ids are new. HTTP and JSON are not included "
                        + "(the gateway's fusion call adds them). \"bagged\" rows: a bagged model (docs/adr/0042) at "
                        + "its largest, %d members of %d depth-%d rounds each (the configured max-rounds), one batched "
                        + "`inplace_predict` per member, their mean; \"bagged as trained on ESCI\": %d members of %d rounds, the "
                        + "size the inner folds chose on ESCI (118 rounds per member on average).%n%n",
                WARM_UP,
                MEASURED,
                EXPLAINED_WARM_UP,
                EXPLAINED_MEASURED,
                ROUNDS,
                DEPTH,
                features,
                BAG_ROUNDS,
                BAG_MEMBERS,
                BAG_ROUNDS,
                DEPTH,
                BAG_MEMBERS,
                ESCI_BAG_ROUNDS));
        md.append(String.format(
                Locale.ROOT,
                "Run %s on %d cores (Java %s), 1-minute load average %.2f at the start and %.2f at the end (each "
                        + "row's at its start in the table).%n%n",
                json.get("ranAt"),
                json.get("cores"),
                json.get("java"),
                loadAtStart,
                loadAtEnd));
        md.append("|candidates|what|p50 ms|p99 ms|mean ms|load|\n|---:|---|---:|---:|---:|---:|\n");
        for (Map<String, Object> row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "|%,d|%s|%.3f|%.3f|%.3f|%.1f|%n",
                    row.get("candidates"),
                    row.get("what"),
                    row.get("p50Ms"),
                    row.get("p99Ms"),
                    row.get("meanMs"),
                    row.get("loadAverage")));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nFeature digest `%s` (every feature value of 15 fixed requests; equal across code versions iff "
                        + "their features are). Heap the extractor keeps per product after %,d products: %.2f KB.%n%n",
                digest,
                MEMORY_PRODUCTS,
                heapPerProduct / 1024));
        md.append(READING_START).append('\n').append(reading(docs.resolve("fusion-scoring.md")));
        md.append(READING_END).append('\n');
        md.append("\nReproduce: `nice -n 5 ./mvnw -B -o -q -pl fusion-service -am test -Dtest=ScoringBenchmark "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true`.\n");
        Files.writeString(docs.resolve("fusion-scoring.md"), md.toString());
    }

    /** The hand-written reading of the page so far (between the markers), to be kept; a placeholder without one. */
    private static String reading(Path page) throws Exception {
        String old = Files.exists(page) ? Files.readString(page) : "";
        int start = old.indexOf(READING_START);
        int end = old.indexOf(READING_END);
        if (start < 0 || end < start) {
            return "Reading the figures: to be written by hand after the run.\n";
        }
        return old.substring(start + READING_START.length(), end).stripLeading();
    }
}
