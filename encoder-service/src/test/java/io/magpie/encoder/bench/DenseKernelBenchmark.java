package io.magpie.encoder.bench;

import ai.djl.engine.Engine;
import io.magpie.api.encoder.TextKind;
import io.magpie.encoder.model.Cosine;
import io.magpie.encoder.model.DenseKernel;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TokenizedText;
import io.magpie.encoder.model.TorchRuntime;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CPU per short query of the forward pass (with pooling and normalisation) for each {@link DenseKernel}, both
 * built-in models, batch 1 and 32, the kernels interleaved round by round in one process; and each kernel's
 * minimum cosine to the plain float32 pass. The clock is the process's CPU time (every thread). A benchmark:
 * asserts nothing, prints figures and writes {@code docs/benchmarks/<magpie.bench.out>.md}.
 * <pre>
 * ./mvnw -o -pl encoder-service -am verify -Dtest=DenseKernelBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dmagpie.bench=true [-Dmagpie.bench.rounds=3] [-Dmagpie.bench.out=encoder-dense-kernels]
 * </pre>
 */
@EnabledIfSystemProperty(named = "magpie.bench", matches = "true")
class DenseKernelBenchmark {

    private static final int ROUNDS = Integer.getInteger("magpie.bench.rounds", 3);
    /**
     * Texts each kernel encodes per round at batch 1; larger batches run 8 passes per round, so that every round
     * spans many ticks of the process CPU clock (10 ms on Linux).
     */
    private static final int TEXTS_PER_ROUND = Integer.getInteger("magpie.bench.texts", 64);

    private static final int[] BATCH_SIZES = {1, 32};
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void kernelsSideBySide() throws Exception {
        Path root = Path.of(System.getProperty("magpie.root", ".."))
                .toAbsolutePath()
                .normalize();
        List<String> queries = EsciQueries.distinct(root);
        Engine engine = TorchRuntime.start(true, Optional.empty(), 1);
        double loadBefore = OS.getSystemLoadAverage();
        List<String> lines = new ArrayList<>();
        lines.add("| model | batch | kernel | CPU ms / query | x plain | min cosine to plain |");
        lines.add("|---|---:|---|---:|---:|---:|");
        String conditions = "";
        for (ModelSpec spec : ModelSpec.BUILT_IN) {
            Map<DenseKernel, SentenceEncoder> encoders = new EnumMap<>(DenseKernel.class);
            try {
                for (DenseKernel kernel : DenseKernel.values()) {
                    encoders.put(kernel, SentenceEncoder.load(engine, engine.defaultDevice(), kernel, spec::read));
                }
                SentenceEncoder plain = encoders.get(DenseKernel.PLAIN);
                List<TokenizedText> tokens = new ArrayList<>();
                for (String query : queries) {
                    TokenizedText text = plain.tokenize(List.of(plain.prefixed(query, TextKind.QUERY)))
                            .get(0);
                    if (text.length() <= 16) {
                        tokens.add(text);
                    }
                }
                conditions = String.format(
                        Locale.ROOT,
                        "%d distinct ESCI queries of <= 16 word pieces (mean %.1f with %s's prefix)",
                        tokens.size(),
                        tokens.stream()
                                .mapToInt(TokenizedText::length)
                                .average()
                                .orElse(0),
                        spec.descriptor().name());
                Map<DenseKernel, Double> cosine = new EnumMap<>(DenseKernel.class);
                float[][] reference = plain.embed(tokens);
                for (DenseKernel kernel : DenseKernel.values()) {
                    float[][] vectors = encoders.get(kernel).embed(tokens);
                    double min = 1;
                    for (int i = 0; i < vectors.length; i++) {
                        min = Math.min(min, Cosine.of(vectors[i], reference[i]));
                    }
                    cosine.put(kernel, min);
                    if (encoders.get(kernel).denseKernel() != kernel) {
                        throw new IllegalStateException(kernel + " is not available here");
                    }
                }
                for (int batch : BATCH_SIZES) {
                    Map<DenseKernel, double[]> perQuery = new EnumMap<>(DenseKernel.class);
                    for (DenseKernel kernel : DenseKernel.values()) {
                        perQuery.put(kernel, new double[ROUNDS]);
                        run(encoders.get(kernel), tokens, batch, 0); // warm-up
                    }
                    for (int round = 0; round < ROUNDS; round++) {
                        for (DenseKernel kernel : DenseKernel.values()) {
                            perQuery.get(kernel)[round] = run(encoders.get(kernel), tokens, batch, round + 1);
                        }
                    }
                    double plainMs = median(perQuery.get(DenseKernel.PLAIN));
                    for (DenseKernel kernel : DenseKernel.values()) {
                        double ms = median(perQuery.get(kernel));
                        lines.add(String.format(
                                Locale.ROOT,
                                "| %s | %d | %s | %.2f | %.2f | %.7f |",
                                spec.descriptor().name(),
                                batch,
                                kernel.name().toLowerCase(Locale.ROOT),
                                ms,
                                ms / plainMs,
                                cosine.get(kernel)));
                    }
                }
            } finally {
                encoders.values().forEach(SentenceEncoder::close);
            }
        }
        lines.add("");
        lines.add(String.format(
                Locale.ROOT,
                "%s; 1 intra-op thread, OMP_WAIT_POLICY=%s, %d cores, %d rounds (median) of %d texts (batch 1) or 8 "
                        + "batches per kernel, kernels interleaved; process CPU time; load average %.1f before, "
                        + "%.1f after.",
                conditions,
                System.getenv("OMP_WAIT_POLICY"),
                Runtime.getRuntime().availableProcessors(),
                ROUNDS,
                TEXTS_PER_ROUND,
                loadBefore,
                OS.getSystemLoadAverage()));
        lines.forEach(System.out::println);
        Path out = root.resolve(
                "docs/benchmarks/" + System.getProperty("magpie.bench.out", "encoder-dense-kernels") + ".md");
        Files.writeString(
                out,
                "# Dense-layer kernels of the forward pass, side by side (generated by DenseKernelBenchmark)\n\n"
                        + String.join("\n", lines) + "\n");
    }

    private static int textsPerRound(int batch) {
        return Math.max(TEXTS_PER_ROUND, 8 * batch);
    }

    /** Process CPU milliseconds per text over one round's texts in batches of {@code batch}. */
    private static double run(SentenceEncoder encoder, List<TokenizedText> tokens, int batch, int round) {
        int count = textsPerRound(batch);
        long start = OS.getProcessCpuTime();
        int offset = round * count;
        for (int done = 0; done < count; done += batch) {
            List<TokenizedText> texts = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                texts.add(tokens.get((offset + done + i) % tokens.size()));
            }
            encoder.embed(texts);
        }
        return (OS.getProcessCpuTime() - start) / 1e6 / count;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
