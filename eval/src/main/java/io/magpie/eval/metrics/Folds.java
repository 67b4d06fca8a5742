package io.magpie.eval.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * k-fold cross-validation by query: the queries are shuffled with a seeded {@link Random} (whose sequence is fixed
 * by its specification) and dealt round-robin into k folds, so every query is in exactly one test fold, fold sizes
 * differ by at most one, and the same seed gives the same folds on any JVM.
 *
 * @param <T> the query type
 */
public final class Folds<T> {

    /** One fold: train on {@code train}, measure on {@code test}. */
    public record Fold<T>(int index, List<T> train, List<T> test) {}

    private final List<Fold<T>> folds;

    private Folds(List<Fold<T>> folds) {
        this.folds = folds;
    }

    /**
     * Splits distinct queries into k folds.
     *
     * @throws IllegalArgumentException when k is below 2 or above the number of queries, or a query repeats
     */
    public static <T> Folds<T> split(List<T> queries, int k, long seed) {
        if (k < 2 || k > queries.size()) {
            throw new IllegalArgumentException(
                    "k must be between 2 and the number of queries (" + queries.size() + "), was " + k);
        }
        if (new HashSet<>(queries).size() != queries.size()) {
            throw new IllegalArgumentException("queries must be distinct to be in exactly one test fold");
        }
        List<T> shuffled = new ArrayList<>(queries);
        Collections.shuffle(shuffled, new Random(seed));
        List<List<T>> tests = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            tests.add(new ArrayList<>());
        }
        for (int i = 0; i < shuffled.size(); i++) {
            tests.get(i % k).add(shuffled.get(i));
        }
        List<Fold<T>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<T> train = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    train.addAll(tests.get(g));
                }
            }
            folds.add(new Fold<>(f, List.copyOf(train), List.copyOf(tests.get(f))));
        }
        return new Folds<>(List.copyOf(folds));
    }

    public List<Fold<T>> folds() {
        return folds;
    }

    public int k() {
        return folds.size();
    }

    public Fold<T> fold(int index) {
        return folds.get(index);
    }
}
