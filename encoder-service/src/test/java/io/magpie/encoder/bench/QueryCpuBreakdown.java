package io.magpie.encoder.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.encoder.BinaryVectors;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TokenizedText;
import io.magpie.encoder.model.TorchRuntime;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Where one short query's CPU goes inside encoder-service, part by part, measured in this JVM with the calling
 * thread's CPU time (and the process's, for the forward pass, whose OpenMP threads are other threads): tokenising,
 * the forward pass with pooling and normalisation, one trivial engine call (what each of the pass's calls costs
 * beyond its arithmetic), writing the response as JSON and as binary frames, and ONNX Runtime's forward pass of
 * the same tokens on one thread for reference. A benchmark: asserts nothing, prints figures.
 * <pre>
 * ./mvnw -o -pl encoder-service -am verify -Dtest=QueryCpuBreakdown -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dmagpie.bench=true [-Dmagpie.bench.threads=1]
 * </pre>
 */
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class QueryCpuBreakdown {

    private static final int REPEATS = Integer.getInteger("magpie.bench.queries", 400);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    interface Step {
        void run(int i) throws Exception;
    }

    /** Median over 5 blocks of the calling thread's and the process's CPU microseconds per call. */
    private static double[] measure(Step step) throws Exception {
        for (int i = 0; i < REPEATS / 4; i++) {
            step.run(i);
        }
        int blocks = 5;
        double[] thread = new double[blocks];
        double[] process = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            long p0 = OS.getProcessCpuTime();
            for (int i = 0; i < REPEATS / blocks; i++) {
                step.run(b * REPEATS + i);
            }
            thread[b] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / (REPEATS / blocks);
            process[b] = (OS.getProcessCpuTime() - p0) / 1e3 / (REPEATS / blocks);
        }
        java.util.Arrays.sort(thread);
        java.util.Arrays.sort(process);
        return new double[] {thread[blocks / 2], process[blocks / 2]};
    }

    @Test
    void breakdown() throws Exception {
        int threads = Integer.getInteger("magpie.bench.threads", 1);
        Path root = Path.of(System.getProperty("magpie.root", ".."))
                .toAbsolutePath()
                .normalize();
        List<String> queries = EsciQueries.distinct(root);
        Engine engine = TorchRuntime.start(true, Optional.empty(), threads);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        try (SentenceEncoder encoder = SentenceEncoder.load(ModelSpec.ALL_MINILM_L6_V2, engine);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            List<TokenizedText> tokens = new ArrayList<>();
            for (String query : queries) {
                TokenizedText t = encoder.tokenize(List.of(query)).get(0);
                if (t.length() <= 16) {
                    tokens.add(t);
                }
            }
            List<String> shortQueries = queries.stream()
                    .filter(q -> encoder.tokenize(List.of(q)).get(0).length() <= 16)
                    .toList();
            double meanPieces =
                    tokens.stream().mapToInt(TokenizedText::length).average().orElse(0);
            float[] vector = encoder.embed(List.of(tokens.get(0)))[0];
            EncodeResponse response = new EncodeResponse("all-minilm-l6-v2", "1", 384, List.of(vector), List.of());

            double[] tokenize = measure(i -> encoder.tokenize(List.of(shortQueries.get(i % shortQueries.size()))));
            double[] forward = measure(i -> encoder.embed(List.of(tokens.get(i % tokens.size()))));
            double[] trivial;
            try (NDManager manager = engine.newBaseManager()) {
                NDArray a = manager.ones(new ai.djl.ndarray.types.Shape(4));
                trivial = measure(i -> a.add(1f).close());
            }
            double[] toJson = measure(i -> json.writeValueAsBytes(response));
            double[] toBinary = measure(i -> BinaryVectors.write(response));
            // A bulk caller's answer: 256 document vectors, written by the service and read by the caller.
            EncodeResponse bulk = new EncodeResponse(
                    "all-minilm-l6-v2", "1", 384, java.util.Collections.nCopies(256, vector), List.of());
            byte[] bulkJson = json.writeValueAsBytes(bulk);
            byte[] bulkBinary = BinaryVectors.write(bulk);
            double[] bulkJsonRoundTrip =
                    measure(i -> json.readValue(json.writeValueAsBytes(bulk), EncodeResponse.class));
            double[] bulkBinaryRoundTrip = measure(i -> BinaryVectors.read(BinaryVectors.write(bulk)));

            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            byte[] onnx;
            try (InputStream in =
                    getClass().getClassLoader().getResourceAsStream(ModelSpec.ALL_MINILM_L6_V2.weightsResource())) {
                onnx = in.readAllBytes();
            }
            double[] ort;
            try (OrtSession session = environment.createSession(onnx, options)) {
                OrtForward runner = new OrtForward(environment, session);
                ort = measure(i -> runner.embed(List.of(tokens.get(i % tokens.size()))));
            }
            lines.add(String.format(
                    Locale.ROOT,
                    "%d short queries (<= 16 word pieces, mean %.1f), %d intra-op "
                            + "thread(s), OMP_WAIT_POLICY=%s, %d cores, load %.1f",
                    tokens.size(),
                    meanPieces,
                    JniUtils.getNumThreads(),
                    System.getenv("OMP_WAIT_POLICY"),
                    Runtime.getRuntime().availableProcessors(),
                    OS.getSystemLoadAverage()));
            lines.add("|part|thread CPU us/query|process CPU us/query|");
            lines.add("|---|---:|---:|");
            lines.add(row("tokenise (HF tokenizer, one text)", tokenize));
            lines.add(row("forward pass + pooling + normalisation (DJL)", forward));
            lines.add(row("one trivial engine call (add to a 4-float array)", trivial));
            lines.add(row("response as JSON (Jackson, 384 floats)", toJson));
            lines.add(row("response as binary frame (384 floats)", toBinary));
            lines.add(row("ONNX Runtime forward pass, 1 thread (reference)", ort));
            lines.add(row(
                    "256 document vectors: JSON written + read (" + bulkJson.length + " bytes)", bulkJsonRoundTrip));
            lines.add(row(
                    "256 document vectors: binary written + read (" + bulkBinary.length + " bytes)",
                    bulkBinaryRoundTrip));
        }
        lines.forEach(System.out::println);
        Path out = Path.of(System.getProperty("magpie.bench.out", "target/query-cpu-breakdown.md"));
        Files.writeString(
                out.isAbsolute() ? out : root.resolve("encoder-service").resolve(out), String.join("\n", lines) + "\n");
    }

    private static String row(String name, double[] us) {
        return String.format(Locale.ROOT, "|%s|%.0f|%.0f|", name, us[0], us[1]);
    }
}
