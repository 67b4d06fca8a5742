package io.magpie.retrieval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.magpie.testsupport.MagpieRoot;
import io.magpie.testsupport.MilvusTestResource;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Recall@10 of the dense index (HNSW, the service's build parameters) against exact search, and its query latency,
 * on synthetic 384-d unit vectors, at each collection size and search breadth {@code ef}. Exact neighbours come
 * from a brute-force scan in this JVM. Runs only when asked:
 * <pre>
 * ./mvnw -B -o -q -pl retrieval-service -am verify -Dtest=AnnRecallBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true [-Dmagpie.bench.sizes=10000,100000]
 * </pre>
 * It starts its own milvus-lite and writes {@code docs/benchmarks/retrieval-ann.md} and {@code .json}.
 */
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class AnnRecallBenchmark {

    private static final int DIM = 384;
    private static final int K = 10;
    private static final int M = 16;
    private static final int EF_CONSTRUCTION = 200;
    private static final int BATCH = 2000;

    /**
     * {@code uniform}: independent Gaussian directions, the worst case for a graph index (every point is almost
     * equally far from every other). {@code clustered}: points and queries scattered around 1,000 random centres
     * (cosine to the centre about 0.86), closer to how sentence embeddings of a catalogue sit.
     */
    private static final String DATA = System.getProperty("magpie.bench.data", "uniform");

    private static final int CENTRES = 1000;
    private static final double SPREAD = 0.6;

    @Test
    void recallAndLatencyBySizeAndEf() throws Exception {
        List<Integer> sizes = ints(System.getProperty("magpie.bench.sizes", "10000,100000"));
        List<Integer> efs = ints(System.getProperty("magpie.bench.efs", "32,64,128,256,512"));
        int queries = Integer.getInteger("magpie.bench.queries", 200);
        MilvusTestResource milvus = new MilvusTestResource();
        milvus.init(Map.of());
        String uri = milvus.start().get(MilvusTestResource.DEFAULT_CONFIG_KEY);
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder()
                    .uri(uri)
                    .rpcDeadlineMs(600_000)
                    .keepAliveTimeMs(600_000)
                    .keepAliveWithoutCalls(false)
                    .build());
            try {
                for (int size : sizes) {
                    rows.addAll(measure(client, size, efs, queries));
                }
            } finally {
                client.close();
            }
        } finally {
            milvus.stop();
        }
        write(rows, sizes, efs, queries);
    }

    private List<Map<String, Object>> measure(MilvusClientV2 client, int size, List<Integer> efs, int queryCount) {
        Random random = new Random(42 + size);
        float[][] centres = new float[CENTRES][];
        for (int c = 0; c < CENTRES; c++) {
            centres[c] = unit(random);
        }
        float[][] data = new float[size][];
        for (int i = 0; i < size; i++) {
            data[i] = sample(random, centres);
        }
        float[][] queries = new float[queryCount][];
        for (int q = 0; q < queryCount; q++) {
            queries[q] = sample(random, centres);
        }
        String name = "bench_ann_" + size;
        long start = System.nanoTime();
        create(client, name);
        for (int from = 0; from < size; from += BATCH) {
            List<JsonObject> batch = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + BATCH); i++) {
                JsonObject row = new JsonObject();
                row.addProperty("id", (long) i);
                JsonArray vector = new JsonArray(DIM);
                for (float f : data[i]) {
                    vector.add(f);
                }
                row.add("vector", vector);
                batch.add(row);
            }
            client.insert(InsertReq.builder().collectionName(name).data(batch).build());
        }
        client.flush(FlushReq.builder().collectionNames(List.of(name)).build());
        long indexedRows = awaitIndex(client, name, size);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        List<Set<Long>> exact = new ArrayList<>();
        for (float[] query : queries) {
            exact.add(exactTopK(data, query));
        }
        // milvus-lite seals and indexes after the flush returns; until then it brute-forces the rows (recall 1, slow):
        // one unmeasured pass over every query lets it finish before anything is measured
        for (float[] query : queries) {
            search(client, name, query, efs.get(0));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int ef : efs) {
            // warm-up at this ef: the server builds a sealed segment's index on its first search
            for (int q = 0; q < Math.min(20, queryCount); q++) {
                search(client, name, queries[q], ef);
            }
            long[] nanos = new long[queryCount];
            double recall = 0;
            for (int q = 0; q < queryCount; q++) {
                long t = System.nanoTime();
                List<Long> found = search(client, name, queries[q], ef);
                nanos[q] = System.nanoTime() - t;
                recall += found.stream().filter(exact.get(q)::contains).count() / (double) K;
            }
            Arrays.sort(nanos);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("vectors", size);
            row.put("ef", ef);
            row.put("recallAt10", recall / queryCount);
            row.put("p50Ms", nanos[queryCount / 2] / 1e6);
            row.put("p99Ms", nanos[Math.min(queryCount - 1, (int) Math.ceil(queryCount * 0.99) - 1)] / 1e6);
            row.put("loadSeconds", loadSeconds);
            row.put("indexedRows", indexedRows);
            rows.add(row);
            System.out.printf(
                    Locale.ROOT,
                    "n=%d ef=%d recall@10=%.4f p50=%.2f ms p99=%.2f ms%n",
                    size,
                    ef,
                    recall / queryCount,
                    (double) row.get("p50Ms"),
                    (double) row.get("p99Ms"));
        }
        client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
        return rows;
    }

    /**
     * Waits until the server reports every row in the HNSW index: until then it brute-forces the rest, and recall
     * and latency would describe a flat scan. Gives up after 15 minutes and reports how far it got.
     */
    private static long awaitIndex(MilvusClientV2 client, String name, int size) {
        long deadline = System.nanoTime() + 15L * 60 * 1_000_000_000;
        long indexed = 0;
        while (System.nanoTime() < deadline) {
            DescribeIndexResp.IndexDesc index = client.describeIndex(DescribeIndexReq.builder()
                            .collectionName(name)
                            .fieldName("vector")
                            .build())
                    .getIndexDescByFieldName("vector");
            indexed = index.getIndexedRows();
            System.out.printf(
                    Locale.ROOT,
                    "n=%d indexed %d of %d rows, pending %d, state %s%n",
                    size,
                    indexed,
                    index.getTotalRows(),
                    index.getPendingIndexRows(),
                    index.getIndexState());
            if (indexed >= size && index.getPendingIndexRows() == 0) {
                return indexed;
            }
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return indexed;
            }
        }
        return indexed;
    }

    private static void create(MilvusClientV2 client, String name) {
        CreateCollectionReq.CollectionSchema schema =
                CreateCollectionReq.CollectionSchema.builder().build();
        schema.addField(AddFieldReq.builder()
                .fieldName("id")
                .dataType(DataType.Int64)
                .isPrimaryKey(true)
                .autoID(false)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName("vector")
                .dataType(DataType.FloatVector)
                .dimension(DIM)
                .build());
        IndexParam index = IndexParam.builder()
                .fieldName("vector")
                .indexType(IndexParam.IndexType.HNSW)
                .metricType(IndexParam.MetricType.COSINE)
                .extraParams(Map.of("params", new Gson().toJson(Map.of("M", M, "efConstruction", EF_CONSTRUCTION))))
                .build();
        client.createCollection(CreateCollectionReq.builder()
                .collectionName(name)
                .collectionSchema(schema)
                .indexParams(List.of(index))
                .build());
        client.loadCollection(LoadCollectionReq.builder().collectionName(name).build());
    }

    private static List<Long> search(MilvusClientV2 client, String name, float[] query, int ef) {
        SearchResp response = client.search(SearchReq.builder()
                .collectionName(name)
                .annsField("vector")
                .metricType(IndexParam.MetricType.COSINE)
                .data(List.of(new FloatVec(query)))
                .limit(K)
                .searchParams(Map.of("ef", ef))
                .outputFields(List.of("id"))
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build());
        return response.getSearchResults().get(0).stream()
                .map(hit -> ((Number) hit.getId()).longValue())
                .toList();
    }

    private static Set<Long> exactTopK(float[][] data, float[] query) {
        PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < data.length; i++) {
            double dot = 0;
            float[] v = data[i];
            for (int d = 0; d < DIM; d++) {
                dot += v[d] * query[d];
            }
            if (best.size() < K) {
                best.add(new double[] {dot, i});
            } else if (dot > best.peek()[0]) {
                best.poll();
                best.add(new double[] {dot, i});
            }
        }
        Set<Long> ids = new HashSet<>();
        best.forEach(e -> ids.add((long) e[1]));
        return ids;
    }

    private static float[] sample(Random random, float[][] centres) {
        if (!DATA.equals("clustered")) {
            return unit(random);
        }
        float[] centre = centres[random.nextInt(centres.length)];
        float[] offset = unit(random);
        float[] v = new float[DIM];
        double norm = 0;
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) (centre[d] + SPREAD * offset[d]);
            norm += v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIM; d++) {
            v[d] *= scale;
        }
        return v;
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIM];
        double norm = 0;
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIM; d++) {
            v[d] *= scale;
        }
        return v;
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .map(Integer::parseInt)
                .toList();
    }

    private static void write(List<Map<String, Object>> rows, List<Integer> sizes, List<Integer> efs, int queries)
            throws Exception {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put("java", System.getProperty("java.version"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("dimension", DIM);
        parameters.put("k", K);
        parameters.put("index", "HNSW M=" + M + " efConstruction=" + EF_CONSTRUCTION + ", COSINE");
        parameters.put("sizes", sizes);
        parameters.put("efs", efs);
        parameters.put("queries", queries);
        parameters.put("data", DATA);
        parameters.put("server", "milvus-lite 3.2.2 (FAISS HNSW), one process on this machine");
        Path root = MagpieRoot.dir();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generatedAt", Instant.now().toString());
        json.put("commit", commit(root));
        json.put("machine", machine);
        json.put("parameters", parameters);
        json.put("rows", rows);
        StringBuilder md = new StringBuilder("# Dense index: recall@10 against exact search, and latency\n\n")
                .append(
                        DATA.equals("clustered")
                                ? "Synthetic clustered unit vectors (384-d, around " + CENTRES
                                        + " random centres, cosine to " + "the centre about 0.86), " + queries
                                        + " queries drawn the same way"
                                : "Synthetic unit vectors (384-d, Gaussian then normalised), " + queries
                                        + " random unit queries")
                .append(" per size; exact top 10 by a brute-force scan; recall@10 is the mean "
                        + "share of the exact top 10 that the index returned. Latency: one search at a time through "
                        + "the Milvus Java SDK, after a warm-up. Index: ")
                .append(parameters.get("index"))
                .append(", on ")
                .append(parameters.get("server"))
                .append(".\n\n")
                .append("| vectors | indexed rows | ef | recall@10 | p50 ms | p99 ms |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %,d | %,d | %d | %.4f | %.2f | %.2f |%n",
                    row.get("vectors"),
                    row.get("indexedRows"),
                    row.get("ef"),
                    row.get("recallAt10"),
                    row.get("p50Ms"),
                    row.get("p99Ms")));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nMachine: %d cores, load average %.1f at the end, Java %s; commit %s."
                        + "%n%nRun: `./mvnw -B -o -q -pl retrieval-service -am verify -Dtest=AnnRecallBenchmark "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true "
                        + "-Dmagpie.bench.data=" + DATA + " -Dmagpie.bench.sizes=%s`%n",
                machine.get("cores"),
                machine.get("loadAverage"),
                machine.get("java"),
                json.get("commit"),
                String.join(",", sizes.stream().map(String::valueOf).toList())));
        Path out = root.resolve("docs/benchmarks");
        String file = DATA.equals("uniform") ? "retrieval-ann" : "retrieval-ann-" + DATA;
        Files.writeString(out.resolve(file + ".md"), md.toString());
        Files.writeString(
                out.resolve(file + ".json"),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    private static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
            return new String(git.getInputStream().readAllBytes()).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
