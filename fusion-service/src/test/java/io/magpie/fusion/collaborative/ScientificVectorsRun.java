package io.magpie.fusion.collaborative;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Trains the collaborative item vectors on the training split of Amazon Scientific with fusion-service's own trainers
 * (item2vec and the DJL next-item model, each with the configured defaults) and writes them, with the training
 * seconds, for {@code magpie-eval rec-eval --item-vectors} to score on the validation items beside the offline
 * baselines (docs/eval/rec-scientific-collaborative.md). Not a test: run it alone,
 * <pre>
 * ./mvnw -B -pl fusion-service verify -Dtest=ScientificVectorsRun -Dmagpie.eval=true \
 *     [-Dmagpie.eval.dataset=../../shared/datasets/amazon-scientific] [-Dmagpie.eval.out=target/collaborative-vectors]
 * </pre>
 * Each user's sequence is their training history then their training target, each item once where it first
 * appeared, as fusion-service builds sequences from events ({@link InteractionSequences}); items are the data set's
 * indexes, so the files line up with the evaluation's item numbering.
 */
class ScientificVectorsRun {

    /** The defaults of {@code magpie.fusion.collaborative.*} and {@code .next-item.*}. */
    static final ItemToVec.Parameters ITEM2VEC = new ItemToVec.Parameters(64, 5, 5, 20, 0.05, 42);

    static final NextItemModel.Parameters NEXT_ITEM =
            new NextItemModel.Parameters(64, 20, 0.5, 256, 256, 40, 3, 0.005, 0.0, 0.1, 42);

    @Test
    void trainAndWrite() throws IOException {
        assumeTrue(Boolean.getBoolean("magpie.eval"), "run with -Dmagpie.eval=true");
        Path dataset = Path.of(System.getProperty("magpie.eval.dataset", "../../shared/datasets/amazon-scientific"));
        assumeTrue(Files.isDirectory(dataset), "no data set at " + dataset.toAbsolutePath());
        Path out = Path.of(System.getProperty("magpie.eval.out", "target/collaborative-vectors"));
        Files.createDirectories(out);
        int items = (int) Files.lines(dataset.resolve("Scientific.item2index")).count();
        List<int[]> sequences = trainingSequences(dataset.resolve("Scientific.train.inter"));

        long start = System.nanoTime();
        float[][] item2vec = new ItemToVec(ITEM2VEC).train(sequences, items);
        write(out, "item2vec", item2vec, (System.nanoTime() - start) / 1e9, "epochs " + ITEM2VEC.epochs());

        start = System.nanoTime();
        NextItemModel.Trained nextItem = new NextItemModel(NEXT_ITEM)
                .train(
                        sequences,
                        items,
                        (epoch, epochs) -> System.out.printf("next-item epoch %d of %d%n", epoch, epochs));
        write(
                out,
                "next-item",
                nextItem.vectors(),
                (System.nanoTime() - start) / 1e9,
                "best epoch " + nextItem.bestEpoch() + " of "
                        + nextItem.hitRates().size() + " searched, held-out HR@10 " + nextItem.hitRates());
    }

    /** Per user, the longest of their rows (every prefix of the sequence is a row): history, then target. */
    private static List<int[]> trainingSequences(Path trainInter) throws IOException {
        Map<String, String[]> longest = new TreeMap<>();
        List<String> lines = Files.readAllLines(trainInter);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            longest.merge(columns[0], columns, (a, b) -> a[1].split(" ").length >= b[1].split(" ").length ? a : b);
        }
        List<int[]> sequences = new ArrayList<>();
        for (String[] columns : longest.values()) {
            Set<Integer> items = new LinkedHashSet<>();
            for (String item : columns[1].trim().split(" ")) {
                items.add(Integer.parseInt(item));
            }
            items.add(Integer.parseInt(columns[2].trim()));
            if (items.size() >= 2) {
                sequences.add(items.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return sequences;
    }

    /** {@code <name>.vectors}: one line per item index, the floats space-separated; {@code <name>.about}: one line. */
    private static void write(Path out, String name, float[][] vectors, double seconds, String detail)
            throws IOException {
        try (Writer writer = Files.newBufferedWriter(out.resolve(name + ".vectors"))) {
            for (float[] vector : vectors) {
                StringBuilder line = new StringBuilder();
                for (float value : vector) {
                    line.append(line.isEmpty() ? "" : " ").append(value);
                }
                writer.write(line.append('\n').toString());
            }
        }
        String about = String.format(Locale.ROOT, "trained in %.1f s; %s", seconds, detail);
        Files.writeString(out.resolve(name + ".about"), about + "\n");
        System.out.println(name + ": " + about);
    }
}
