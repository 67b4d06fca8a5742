package io.magpie.encoder.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.magpie.api.encoder.TextKind;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.Cosine;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TokenizedText;
import io.magpie.encoder.model.TorchRuntime;
import io.magpie.encoder.model.hf.HfModelFolder;
import io.magpie.encoder.training.ContrastiveTrainer;
import io.magpie.encoder.training.Hyperparameters;
import io.magpie.encoder.training.TrainableEncoder;
import io.magpie.encoder.training.TrainingPair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the encoder on a machine's GPU against its CPU, with the service's own code: the same model folder is
 * loaded on both devices, the same texts are encoded on both, and the vectors compared (cosine per text); then the
 * GPU's throughput at batch 1, 32 and 128, and a short fine-tuning run on the GPU (loss per epoch, pairs per
 * second). Run it on a GPU node before moving the encoder there. A tool, not a test: it prints figures and writes
 * {@code device-check.md} to the output folder.
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -pl encoder-service -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=cp.txt
 * java -cp "encoder-service/target/classes:encoder-service/target/test-classes:$(cat encoder-service/cp.txt)" \
 *     io.magpie.encoder.bench.DeviceCheck MODEL_DIR TEXTS_TSV PAIRS_TSV OUT_DIR [REFERENCE_VECTORS]
 * </pre>
 *
 * TEXTS_TSV holds {@code query|document <TAB> text} lines, PAIRS_TSV {@code query <TAB> document} lines (e.g. ESCI
 * queries and product texts, and its exact pairs). With {@code -Dmagpie.device-check.export=<built-in model name>}
 * it first writes that built-in model to MODEL_DIR; with {@code -Dmagpie.device-check.reference-only=true} it
 * encodes the texts on the CPU only and writes their vectors (a reference to carry to the GPU machine, where the
 * optional fifth argument compares with it). The natives must be PyTorch 2.7.1's (docs/operations.md).
 */
public final class DeviceCheck {

    private static final int TIMED_PASSES = Integer.getInteger("magpie.device-check.passes", 200);

    private DeviceCheck() {}

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        List<String[]> texts = tsv(Path.of(args[1]));
        List<TrainingPair> pairs = tsv(Path.of(args[2])).stream()
                .map(row -> new TrainingPair(row[0], row[1]))
                .toList();
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        Engine engine = TorchRuntime.start(true, Optional.empty(), 1);
        String export = System.getProperty("magpie.device-check.export");
        if (export != null) {
            exportBuiltIn(engine, export, modelDir);
        }
        List<String> report = new ArrayList<>();
        report.add("# Encoder on " + engine.defaultDevice() + ": the CPU's vectors, throughput, fine-tuning");
        report.add("");
        report.add(String.format(
                Locale.ROOT,
                "PyTorch %s, %d GPU(s), default device %s; model folder %s (%d layers, hidden %d); %d texts.",
                engine.getVersion(),
                engine.getGpuCount(),
                engine.defaultDevice(),
                modelDir.getFileName(),
                HfModelFolder.readConfig(modelDir).layers(),
                HfModelFolder.readConfig(modelDir).hiddenSize(),
                texts.size()));
        report.add("");

        try (SentenceEncoder cpu = SentenceEncoder.load(engine, Device.cpu(), reader(modelDir))) {
            float[][] onCpu = encodeOneByOne(cpu, texts);
            if (Boolean.getBoolean("magpie.device-check.reference-only")) {
                writeVectors(out.resolve("reference.vectors"), onCpu);
                System.out.println("wrote " + onCpu.length + " reference vectors");
                return;
            }
            if (args.length > 4) {
                report.add(
                        cosineRow("this machine's CPU vs the reference vectors", onCpu, readVectors(Path.of(args[4]))));
            }
            if (engine.getGpuCount() == 0) {
                report.add("No GPU: nothing else to check.");
                write(out, report);
                return;
            }
            try (SentenceEncoder gpu = SentenceEncoder.load(engine, engine.defaultDevice(), reader(modelDir))) {
                report.add("kernel on the GPU: " + gpu.denseKernel() + " (CPU: " + cpu.denseKernel() + ")");
                report.add("");
                float[][] onGpu = encodeOneByOne(gpu, texts);
                report.add(cosineRow("GPU vs CPU, one text per pass", onGpu, onCpu));
                float[][] gpuBatched = encodeInBatches(gpu, texts, 32);
                report.add(cosineRow("GPU in padded batches of 32 vs CPU one by one", gpuBatched, onCpu));
                report.add("");
                report.add("| device | batch | texts/s (wall) | ms per pass (median) |");
                report.add("|---|---:|---:|---:|");
                for (int batch : new int[] {1, 32, 128}) {
                    report.add(throughputRow(gpu, texts, batch, TIMED_PASSES));
                }
                // The CPU row is context only (one intra-op thread, as the service's query lane): fewer passes.
                report.add(throughputRow(cpu, texts, 32, TIMED_PASSES / 10));
                report.add("");
            }
        }
        report.addAll(fineTune(engine, modelDir, pairs));
        write(out, report);
    }

    /** Writes a built-in model (read from its Maven artifact) as a model folder, to carry it elsewhere. */
    private static void exportBuiltIn(Engine engine, String name, Path modelDir) throws IOException {
        ModelSpec spec = ModelSpec.BUILT_IN.stream()
                .filter(candidate -> candidate.descriptor().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in model " + name));
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            HfModelFolder.write(modelDir, spec.read(manager));
        }
    }

    private static SentenceEncoder.CheckpointReader reader(Path modelDir) {
        return manager -> HfModelFolder.read(modelDir, manager);
    }

    private static float[][] encodeOneByOne(SentenceEncoder encoder, List<String[]> texts) {
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            vectors[i] = encoder.embed(tokens(encoder, texts.subList(i, i + 1)))[0];
        }
        return vectors;
    }

    private static float[][] encodeInBatches(SentenceEncoder encoder, List<String[]> texts, int batch) {
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += batch) {
            List<String[]> slice = texts.subList(from, Math.min(texts.size(), from + batch));
            float[][] encoded = encoder.embed(tokens(encoder, slice));
            System.arraycopy(encoded, 0, vectors, from, encoded.length);
        }
        return vectors;
    }

    private static List<TokenizedText> tokens(SentenceEncoder encoder, List<String[]> rows) {
        return encoder.tokenize(rows.stream()
                .map(row -> encoder.prefixed(row[1], row[0].equals("query") ? TextKind.QUERY : TextKind.DOCUMENT))
                .toList());
    }

    private static String cosineRow(String what, float[][] a, float[][] b) {
        double[] cosines = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            cosines[i] = Cosine.of(a[i], b[i]);
        }
        Arrays.sort(cosines);
        return String.format(
                Locale.ROOT,
                "- %s: cosine min %.7f, median %.7f over %d texts",
                what,
                cosines[0],
                cosines[cosines.length / 2],
                cosines.length);
    }

    /** Wall time (a GPU's work is not in the process's CPU clock), after a warm-up, texts cycled. */
    private static String throughputRow(SentenceEncoder encoder, List<String[]> texts, int batch, int passes) {
        List<List<TokenizedText>> batches = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            List<String[]> slice = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                slice.add(texts.get((pass * batch + i) % texts.size()));
            }
            batches.add(tokens(encoder, slice));
        }
        for (int i = 0; i < Math.min(10, passes); i++) {
            encoder.embed(batches.get(i));
        }
        long[] nanos = new long[batches.size()];
        long start = System.nanoTime();
        for (int pass = 0; pass < batches.size(); pass++) {
            long t = System.nanoTime();
            encoder.embed(batches.get(pass));
            nanos[pass] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.0f | %.2f |",
                encoder.device(),
                batch,
                batches.size() * batch / seconds,
                nanos[nanos.length / 2] / 1e6);
    }

    private static List<String> fineTune(Engine engine, Path modelDir, List<TrainingPair> pairs) throws Exception {
        Hyperparameters hp = new Hyperparameters(2, 32, 2e-5f, 0.1f, 0.01f, 0.05f, 64, 42L, 0);
        List<String> lines = new ArrayList<>();
        try (NDManager baseManager = engine.newBaseManager(Device.cpu());
                NDManager trainManager = engine.newBaseManager(engine.defaultDevice())) {
            BertCheckpoint base = HfModelFolder.read(modelDir, baseManager);
            try (TrainableEncoder encoder = TrainableEncoder.of(base, hp.maxTokens(), trainManager)) {
                ContrastiveTrainer.Outcome outcome = ContrastiveTrainer.train(encoder, pairs, hp, progress -> {});
                lines.add(String.format(
                        Locale.ROOT,
                        "Fine-tuning on %s: %d pairs x %d epochs, batch %d, %d steps in %.1f s (%.1f pairs/s);"
                                + " mean loss per epoch %s.",
                        trainManager.getDevice(),
                        outcome.pairs(),
                        hp.epochs(),
                        hp.batchSize(),
                        outcome.steps(),
                        outcome.duration().toMillis() / 1000.0,
                        outcome.pairs() * hp.epochs() / (outcome.duration().toMillis() / 1000.0),
                        outcome.epochLosses().stream()
                                .map(loss -> String.format(Locale.ROOT, "%.4f", loss))
                                .toList()));
            }
        }
        return lines;
    }

    private static List<String[]> tsv(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.split("\t", 2))
                .toList();
    }

    private static void writeVectors(Path file, float[][] vectors) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
                DataOutputStream data = new DataOutputStream(os)) {
            data.writeInt(vectors.length);
            data.writeInt(vectors[0].length);
            for (float[] vector : vectors) {
                for (float v : vector) {
                    data.writeFloat(v);
                }
            }
        }
    }

    private static float[][] readVectors(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(is)) {
            float[][] vectors = new float[data.readInt()][data.readInt()];
            for (float[] vector : vectors) {
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = data.readFloat();
                }
            }
            return vectors;
        }
    }

    private static void write(Path out, List<String> report) throws IOException {
        report.forEach(System.out::println);
        Files.write(out.resolve("device-check.md"), report);
    }
}
