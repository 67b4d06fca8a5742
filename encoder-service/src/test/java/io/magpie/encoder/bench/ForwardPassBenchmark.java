package io.magpie.encoder.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.BertModel;
import io.magpie.encoder.model.DenseKernel;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.Pooling;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TokenizedText;
import io.magpie.encoder.model.TorchRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Texts per second of the DJL/PyTorch forward pass against ONNX Runtime running the same MiniLM weights: same
 * texts, same token ids, same batches (padded to their longest text), same intra-op thread count, the two
 * engines interleaved round by round in one process. A benchmark, not a test: it asserts nothing and runs only
 * when asked:
 * <pre>
 * ./mvnw -o -pl encoder-service -am verify -DskipITs -Dtest=ForwardPassBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true [-Dmagpie.bench.threads=2] \
 *     [-Dmagpie.bench.corpus=queries] [-Dmagpie.bench.clock=cpu] [-Dmagpie.bench.out=encoder-forward-queries] \
 *     [-Dmagpie.bench.kernel=int8]
 * </pre>
 * It writes {@code docs/benchmarks/encoder-forward.md} and {@code .json}.
 */
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class ForwardPassBenchmark {

    private static final int[] BATCH_SIZES = {1, 8, 32, 128};
    /** Texts per run and rounds; fewer of both (-Dmagpie.bench.texts, -Dmagpie.bench.rounds) on a busy machine. */
    private static final int TEXTS = Integer.getInteger("magpie.bench.texts", 256);

    private static final int ROUNDS = Integer.getInteger("magpie.bench.rounds", 3);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** products (title and bullet points) or queries (the ESCI queries, cycled): -Dmagpie.bench.corpus. */
    private static final String CORPUS = System.getProperty("magpie.bench.corpus", "products");
    /**
     * wall (elapsed time) or cpu (the process's CPU time, every thread of both engines included: what the pass
     * takes from a shared machine): -Dmagpie.bench.clock.
     */
    private static final boolean CPU_CLOCK = "cpu".equals(System.getProperty("magpie.bench.clock", "wall"));
    /** The dense kernel of the DJL serving pass (-Dmagpie.bench.kernel; default the service's default). */
    private static final DenseKernel KERNEL =
            DenseKernel.valueOf(System.getProperty("magpie.bench.kernel", SentenceEncoder.DEFAULT_KERNEL.name())
                    .toUpperCase(Locale.ROOT));

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void djlAgainstOnnxRuntime() throws Exception {
        int threads =
                Integer.getInteger("magpie.bench.threads", Runtime.getRuntime().availableProcessors());
        Path root = Path.of(System.getProperty("magpie.root", ".."))
                .toAbsolutePath()
                .normalize();
        List<String> texts = CORPUS.equals("queries")
                ? queryTexts(root.resolve("../shared/datasets/esci-subset/queries.tsv"), TEXTS)
                : productTexts(root.resolve("../shared/datasets/esci-subset/products.jsonl"), TEXTS);

        Engine engine = TorchRuntime.start(true, Optional.empty(), threads);
        JniUtils.setNumThreads(threads);
        try (SentenceEncoder djl =
                        SentenceEncoder.load(engine, engine.defaultDevice(), KERNEL, ModelSpec.ALL_MINILM_L6_V2::read);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            byte[] onnx;
            try (InputStream in = ForwardPassBenchmark.class
                    .getClassLoader()
                    .getResourceAsStream(ModelSpec.ALL_MINILM_L6_V2.weightsResource())) {
                onnx = in.readAllBytes();
            }
            try (OrtSession ort = environment.createSession(onnx, options)) {
                List<TokenizedText> tokens = djl.tokenize(texts);
                double meanTokens = tokens.stream()
                        .mapToInt(TokenizedText::length)
                        .average()
                        .orElse(0);
                OrtForward ortRunner = new OrtForward(environment, ort);
                NDManager plainManager = engine.newBaseManager();
                BertCheckpoint checkpoint = ModelSpec.ALL_MINILM_L6_V2.read(plainManager);
                PlainRunner plain =
                        new PlainRunner(engine, new BertModel(checkpoint.config(), checkpoint.parameters()));
                // Warm-up: every batch size once on both.
                for (int size : BATCH_SIZES) {
                    runAll(tokens.subList(0, Math.min(tokens.size(), 2 * size)), size, djl::embed);
                    runAll(tokens.subList(0, Math.min(tokens.size(), 2 * size)), size, ortRunner::embed);
                    runAll(tokens.subList(0, Math.min(tokens.size(), 2 * size)), size, plain::embed);
                }
                long[][] djlNanos = new long[BATCH_SIZES.length][ROUNDS];
                long[][] ortNanos = new long[BATCH_SIZES.length][ROUNDS];
                long[][] plainNanos = new long[BATCH_SIZES.length][ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    for (int s = 0; s < BATCH_SIZES.length; s++) {
                        // Alternate which engine goes first, so drift in the machine's load hits both.
                        if ((round + s) % 2 == 0) {
                            djlNanos[s][round] = runAll(tokens, BATCH_SIZES[s], djl::embed);
                            ortNanos[s][round] = runAll(tokens, BATCH_SIZES[s], ortRunner::embed);
                        } else {
                            ortNanos[s][round] = runAll(tokens, BATCH_SIZES[s], ortRunner::embed);
                            djlNanos[s][round] = runAll(tokens, BATCH_SIZES[s], djl::embed);
                        }
                        plainNanos[s][round] = runAll(tokens, BATCH_SIZES[s], plain::embed);
                    }
                }
                plainManager.close();
                report(root, threads, texts.size(), meanTokens, djlNanos, ortNanos, plainNanos);
            }
        }
    }

    interface Embedder {
        float[][] embed(List<TokenizedText> batch) throws OrtException;
    }

    /** Encodes all texts in consecutive batches of {@code size}, in the given order; returns the nanoseconds. */
    private static long runAll(List<TokenizedText> tokens, int size, Embedder embedder) throws OrtException {
        long start = CPU_CLOCK ? OS.getProcessCpuTime() : System.nanoTime();
        for (int from = 0; from < tokens.size(); from += size) {
            float[][] vectors = embedder.embed(tokens.subList(from, Math.min(from + size, tokens.size())));
            if (vectors.length == 0) {
                throw new IllegalStateException("no vectors");
            }
        }
        return (CPU_CLOCK ? OS.getProcessCpuTime() : System.nanoTime()) - start;
    }

    /** The training forward pass ({@link BertModel}), mean-pooled and normalised like the serving one. */
    private record PlainRunner(Engine engine, BertModel model) {
        float[][] embed(List<TokenizedText> batch) {
            int rows = batch.size();
            int width = batch.stream().mapToInt(TokenizedText::length).max().orElseThrow();
            long[] ids = new long[rows * width];
            long[] mask = new long[rows * width];
            for (int row = 0; row < rows; row++) {
                long[] text = batch.get(row).ids();
                System.arraycopy(text, 0, ids, row * width, text.length);
                Arrays.fill(mask, row * width, row * width + text.length, 1L);
            }
            try (NDManager manager = engine.newBaseManager()) {
                Shape shape = new Shape(rows, width);
                NDArray attentionMask = manager.create(mask, shape);
                NDArray hidden = model.forward(manager.create(ids, shape), attentionMask);
                float[] flat = Pooling.MEAN
                        .pool(hidden, attentionMask)
                        .normalize(2, 1, 1e-12)
                        .toFloatArray();
                float[][] vectors = new float[rows][];
                int dim = flat.length / rows;
                for (int row = 0; row < rows; row++) {
                    vectors[row] = Arrays.copyOfRange(flat, row * dim, (row + 1) * dim);
                }
                return vectors;
            }
        }
    }

    private static void report(
            Path root, int threads, int texts, double meanTokens, long[][] djl, long[][] ort, long[][] plain)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Encoder forward pass: DJL/PyTorch against ONNX Runtime\n\n")
                .append("In-process, one thread calling, all-MiniLM-L6-v2 on CPU: the same ")
                .append(texts)
                .append(
                        CORPUS.equals("queries")
                                ? " search queries (the ESCI subset's queries, cycled), mean "
                                : " product texts (title and bullet points of the first ESCI products, mean ")
                .append(String.format(Locale.ROOT, "%.1f", meanTokens))
                .append(" word pieces) tokenized once, encoded in consecutive batches of each size (each batch padded "
                        + "to its longest text, not sorted), by both engines with ")
                .append(threads)
                .append(" intra-op threads, interleaved round by round (")
                .append(ROUNDS)
                .append(" rounds). Figures are the median round")
                .append(
                        CPU_CLOCK
                                ? ", as texts per second of the process's CPU time (all threads; what a pass takes from a shared "
                                        + "machine)"
                                : ", as texts per second of elapsed time")
                .append(". DJL includes pooling and normalisation on the engine; "
                        + "ONNX Runtime's mean pooling and normalisation run in Java on its output.\n\n")
                .append("DJL is the serving pass (`InferenceBert`: fused QKV, dense layers on the "
                        + KERNEL.name().toLowerCase(Locale.ROOT) + " kernel (default "
                        + SentenceEncoder.DEFAULT_KERNEL.name().toLowerCase(Locale.ROOT)
                        + "), engine GELU); 'DJL plain' is the "
                        + "step-by-step differentiable pass (`BertModel`) that fine-tuning trains through, which served "
                        + "requests before.\n\n")
                .append(
                        "|batch size|DJL texts/s|ONNX Runtime texts/s|DJL / ONNX Runtime|DJL plain texts/s|plain / ONNX Runtime|\n"
                                + "|---:|---:|---:|---:|---:|---:|\n");
        ArrayNode rows = JSON.createArrayNode();
        for (int s = 0; s < BATCH_SIZES.length; s++) {
            double djlRate = texts / (median(djl[s]) / 1e9);
            double ortRate = texts / (median(ort[s]) / 1e9);
            double plainRate = texts / (median(plain[s]) / 1e9);
            md.append(String.format(
                    Locale.ROOT,
                    "|%d|%.1f|%.1f|%.2f|%.1f|%.2f|%n",
                    BATCH_SIZES[s],
                    djlRate,
                    ortRate,
                    djlRate / ortRate,
                    plainRate,
                    plainRate / ortRate));
            rows.addObject()
                    .put("batchSize", BATCH_SIZES[s])
                    .put("djlTextsPerSecond", round(djlRate))
                    .put("onnxRuntimeTextsPerSecond", round(ortRate))
                    .put("ratio", round(djlRate / ortRate))
                    .put("djlPlainTextsPerSecond", round(plainRate))
                    .put("plainRatio", round(plainRate / ortRate));
            System.out.printf(
                    Locale.ROOT,
                    "batch %3d: DJL %.1f texts/s, ONNX Runtime %.1f texts/s, ratio %.2f; "
                            + "plain %.1f texts/s, ratio %.2f%n",
                    BATCH_SIZES[s],
                    djlRate,
                    ortRate,
                    djlRate / ortRate,
                    plainRate,
                    plainRate / ortRate);
        }
        String commit = gitCommit(root);
        md.append("\n## Command\n\n```\n./mvnw -o -pl encoder-service -am verify -DskipITs -Dtest=ForwardPassBenchmark "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dmagpie.bench=true -Dmagpie.bench.threads="
                        + threads
                        + " -Dmagpie.bench.corpus=" + CORPUS + " -Dmagpie.bench.clock=" + (CPU_CLOCK ? "cpu" : "wall")
                        + "\n```\n\n")
                .append("## Machine\n\n|||\n|---|---|\n")
                .append("|cores|")
                .append(Runtime.getRuntime().availableProcessors())
                .append("|\n")
                .append("|os|")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.version"))
                .append("|\n|java|")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append("|\n|load average at end|")
                .append(String.format(
                        Locale.ROOT,
                        "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append("|\n|commit|")
                .append(commit)
                .append("|\n");
        ObjectNode json = JSON.createObjectNode();
        json.put("benchmark", "encoder-forward")
                .put("at", Instant.now().toString())
                .put("commit", commit);
        json.putObject("machine")
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("java", System.getProperty("java.version"));
        json.putObject("parameters")
                .put("model", "all-minilm-l6-v2")
                .put("texts", texts)
                .put("meanTokens", round(meanTokens))
                .put("threads", threads)
                .put("rounds", ROUNDS)
                .put("statistic", "median round")
                .put("corpus", CORPUS)
                .put("clock", CPU_CLOCK ? "process cpu" : "wall");
        json.set("results", rows);
        String stem = System.getProperty("magpie.bench.out", "encoder-forward");
        Path out = root.resolve("docs/benchmarks");
        Files.writeString(out.resolve(stem + ".md"), md.toString());
        Files.writeString(
                out.resolve(stem + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    private static List<String> productTexts(Path products, int limit) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<String> lines = Files.lines(products)) {
            for (String line : (Iterable<String>) lines.limit(limit)::iterator) {
                JsonNode product = JSON.readTree(line);
                String text = product.path("title").asText("") + ". "
                        + product.path("bullet_points").asText("");
                texts.add(text.length() > 600 ? text.substring(0, 600) : text);
            }
        }
        return texts;
    }

    private static List<String> queryTexts(Path queries, int count) throws IOException {
        List<String> all;
        try (Stream<String> lines = Files.lines(queries)) {
            all = lines.skip(1)
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(all.get(i % all.size()));
        }
        return texts;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String gitCommit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
