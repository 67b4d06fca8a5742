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
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.LoadedModel;
import io.magpie.fusion.ranking.ModelRanking;
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
import java.util.function.Supplier;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Time to rank one request's candidates with a LambdaMART model in fusion-service's own code path (feature
 * extraction, one batched predict, sort), in process, one request at a time, for 100, 300 and 1,000 candidates;
 * also with explanations (per-feature contributions). The model is the largest the configuration trains: 500
 * rounds of depth-4 trees (early stopping usually keeps fewer). Runs only when asked:
 * <pre>
 * ./mvnw -B -o -q -pl fusion-service -am verify -Dtest=ScoringBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true
 * </pre>
 * Writes {@code docs/benchmarks/fusion-scoring.md} and {@code .json}.
 */
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class ScoringBenchmark {

    private static final int[] SIZES = {100, 300, 1000};
    private static final int ROUNDS = 500;
    private static final int DEPTH = 4;
    private static final int WARM_UP = 100;
    private static final int MEASURED = 500;

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
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int size : SIZES) {
            FuseRequest plain = request(size, false, new Random(size));
            FuseRequest explained = request(size, true, new Random(size));
            rows.add(measure(size, "rank (features + predict + sort)", () -> ranking.rank(plain, model)));
            rows.add(measure(size, "rank with explanations", () -> ranking.rank(explained, model)));
            rows.add(measure(size, "features only", () -> extractor.extract(plain)));
        }
        write(rows, load);
    }

    private static Map<String, Object> measure(int size, String what, Supplier<?> call) {
        for (int i = 0; i < WARM_UP; i++) {
            call.get();
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("candidates", size);
        row.put("what", what);
        row.put("p50Ms", nanos[MEASURED / 2] / 1e6);
        row.put("p99Ms", nanos[(int) (MEASURED * 0.99)] / 1e6);
        row.put("meanMs", Arrays.stream(nanos).average().orElse(0) / 1e6);
        System.out.printf(
                Locale.ROOT, "%5d %-34s p50 %7.3f ms  p99 %7.3f ms%n", size, what, (double) row.get("p50Ms"), (double)
                        row.get("p99Ms"));
        return row;
    }

    /** 500 depth-4 rounds on random rows with graded labels: the largest model the configuration allows. */
    private static TreeRanker trainedModel(FeatureExtractor extractor) throws Exception {
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
        Booster booster = XGBoost.train(matrix, params, ROUNDS, Map.of(), null, null);
        matrix.dispose();
        return TreeRanker.load(booster.toByteArray("ubj"), features);
    }

    /** Dense lists all the candidates, lexical half, graph a quarter (with path kinds); all have item data. */
    private static FuseRequest request(int size, boolean explain, Random random) {
        List<Candidate> dense = new ArrayList<>();
        List<Candidate> lexical = new ArrayList<>();
        List<Candidate> graph = new ArrayList<>();
        Map<String, ItemData> items = new HashMap<>();
        for (int i = 0; i < size; i++) {
            String id = "B0" + (1_000_000 + random.nextInt(9_000_000));
            dense.add(new Candidate(id, 0.9 - i * 0.0005));
            if (i % 2 == 0) {
                lexical.add(new Candidate(id, 20 - i * 0.01));
            }
            if (i % 4 == 0) {
                graph.add(new Candidate(
                        id, 3 - i * 0.001, "path", List.of(GraphPaths.ALL.get(random.nextInt(GraphPaths.ALL.size())))));
            }
            items.put(
                    id,
                    new ItemData(
                            "Stainless steel kitchen paper towel holder with weighted base " + i,
                            "Brand " + random.nextInt(50),
                            List.of("Home & Kitchen", "Kitchen", "Paper Towel Holders"),
                            random.nextBoolean() ? "Silver" : null,
                            3.5 + random.nextDouble(),
                            random.nextInt(5000),
                            10 + random.nextDouble() * 40,
                            random.nextInt(10) > 0));
        }
        return new FuseRequest(
                FusionStrategy.MODEL,
                List.of(
                        new CandidateList("dense", dense),
                        new CandidateList("lexical", lexical),
                        new CandidateList("graph", graph)),
                100,
                new QueryContext("paper towel holder stainless"),
                items,
                null,
                explain ? Boolean.TRUE : null);
    }

    private static void write(List<Map<String, Object>> rows, double load) throws Exception {
        Path docs = Path.of(System.getProperty("magpie.root", ".")).resolve("docs/benchmarks");
        Files.createDirectories(docs);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ranAt", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("loadAverageAtStart", load);
        json.put(
                "model",
                Map.of(
                        "rounds",
                        ROUNDS,
                        "maxDepth",
                        DEPTH,
                        "features",
                        new FeatureExtractor().schema().flatSize()));
        json.put("warmUp", WARM_UP);
        json.put("measured", MEASURED);
        json.put("rows", rows);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(docs.resolve("fusion-scoring.json").toFile(), json);
        StringBuilder md = new StringBuilder();
        md.append("# Fusion scoring latency (LambdaMART)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Time for fusion-service to rank one request's candidates with a learned "
                        + "model, in process (`ModelRanking.rank`: feature extraction with the serving `FeatureExtractor`, one "
                        + "batched XGBoost `inplace_predict`, sort), one request at a time on one thread, %d warm-up then %d "
                        + "measured calls per row. Model: %d rounds of depth-%d trees over %d features (the most the "
                        + "configuration trains; early stopping usually keeps fewer, so serving models are cheaper). Requests: "
                        + "dense lists every candidate, lexical half of them, graph a quarter; all with catalogue data. "
                        + "HTTP and JSON are not included (the gateway's fusion call adds them).%n%n",
                WARM_UP,
                MEASURED,
                ROUNDS,
                DEPTH,
                new FeatureExtractor().schema().flatSize()));
        md.append(String.format(
                Locale.ROOT,
                "Run %s on %d cores, 1-minute load average %.2f at the start: a "
                        + "development machine shared with other engineers' builds and stacks, so read the figures as an order "
                        + "of magnitude, p99 especially.%n%n",
                json.get("ranAt"),
                json.get("cores"),
                load));
        md.append("|candidates|what|p50 ms|p99 ms|mean ms|\n|---:|---|---:|---:|---:|\n");
        for (Map<String, Object> row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "|%,d|%s|%.3f|%.3f|%.3f|%n",
                    row.get("candidates"),
                    row.get("what"),
                    row.get("p50Ms"),
                    row.get("p99Ms"),
                    row.get("meanMs")));
        }
        md.append("\nReproduce: `./mvnw -B -o -q -pl fusion-service -am verify -Dtest=ScoringBenchmark "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true`.\n");
        Files.writeString(docs.resolve("fusion-scoring.md"), md.toString());
    }
}
