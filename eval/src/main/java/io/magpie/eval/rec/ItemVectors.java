package io.magpie.eval.rec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Item vectors trained elsewhere (by fusion-service's trainers, written one line per item index), scored as the
 * platform serves them: the user's vector is the weighted mean of the vectors of their most recent distinct items
 * (at most {@code historyItems}, the i-th most recent weighing {@code decay^i}), and an item's score is its inner
 * product with it (retrieval-service's {@code product_cf} search, ADR 0024).
 */
public final class ItemVectors implements Recommender {

    private final String key;
    private final String about;
    private final float[][] vectors;
    private final int historyItems;
    private final double decay;

    private ItemVectors(String key, String about, float[][] vectors, int historyItems, double decay) {
        this.key = key;
        this.about = about;
        this.vectors = vectors;
        this.historyItems = historyItems;
        this.decay = decay;
    }

    /**
     * Reads {@code file} (one line per item index, floats separated by spaces) and, when present, the one-line
     * {@code .about} beside it (how the vectors were trained).
     *
     * @throws IllegalArgumentException when the file does not hold one vector of equal length per item
     */
    public static ItemVectors read(String key, Path file, int items, int historyItems, double decay)
            throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() != items) {
            throw new IllegalArgumentException(file + ": " + lines.size() + " vectors for " + items + " items");
        }
        float[][] vectors = new float[items][];
        for (int i = 0; i < items; i++) {
            String[] values = lines.get(i).trim().split(" ");
            vectors[i] = new float[values.length];
            for (int d = 0; d < values.length; d++) {
                vectors[i][d] = Float.parseFloat(values[d]);
            }
            if (vectors[i].length != vectors[0].length) {
                throw new IllegalArgumentException(file + ": vector " + i + " has another length");
            }
        }
        Path aboutFile = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.vectors$", "") + ".about");
        String about = Files.exists(aboutFile) ? Files.readString(aboutFile).strip() : "";
        return new ItemVectors(key, about, vectors, historyItems, decay);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String name() {
        return "collaborative (" + key + ")";
    }

    @Override
    public String description() {
        return "inner product with the recency-weighted mean (decay " + decay + ", last " + historyItems
                + " distinct items) of the history's vectors" + (about.isEmpty() ? "" : "; " + about);
    }

    @Override
    public void score(int[] history, double[] scores) {
        Set<Integer> recent = new LinkedHashSet<>();
        for (int i = history.length - 1; i >= 0 && recent.size() < historyItems; i--) {
            recent.add(history[i]);
        }
        double[] user = new double[vectors[0].length];
        double weight = 1;
        for (int item : recent) {
            for (int d = 0; d < user.length; d++) {
                user[d] += weight * vectors[item][d];
            }
            weight *= decay;
        }
        for (int item = 0; item < vectors.length; item++) {
            double score = 0;
            for (int d = 0; d < user.length; d++) {
                score += user[d] * vectors[item][d];
            }
            scores[item] = score;
        }
    }
}
