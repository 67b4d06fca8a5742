package io.magpie.fusion.signals;

import io.magpie.api.retrieval.Candidate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Item-to-item co-occurrence kept in memory and updated one event at a time. Each shopper's (user's, else
 * session's) most recent items are remembered; a new item is paired with each of them that happened within the pair
 * window, weighted by the weaker event type of the two and by {@code pairDecay^(n-1)} when they are n positions
 * apart. A history's candidates score, per history item i (the k-th most recent weighing {@code historyDecay^k}),
 * {@code c(i, j) / n(i)^exponent}, where n(i) counts the shoppers who took i. Thread-safe: updates take a write
 * lock, queries a read lock.
 */
public final class CooccurrenceIndex {

    /** The tuning of the index; see SignalsConfig for each value's meaning. */
    public record Tuning(
            int actorItems,
            Duration pairWindow,
            double pairDecay,
            double historyDecay,
            double normalisationExponent,
            Map<String, Double> typeWeights) {}

    /** A pair's accumulated weight, whether both sides were ever bought, and by how many shoppers. */
    private static final class Pair {
        double weight;
        boolean bought;
        int boughtBy;
    }

    /**
     * Two products bought by the same shoppers.
     *
     * @param productId one product (the smaller id)
     * @param otherId   the other
     * @param support   shoppers who bought both (within the pair window and their remembered items)
     * @param strength  {@code support / sqrt(n(a) * n(b))} with n the shoppers of each: 1 when always together
     */
    public record BoughtTogether(String productId, String otherId, int support, double strength) {}

    /** One item of a shopper's recent sequence. */
    private record Step(int item, double weight, boolean bought, OffsetDateTime at) {}

    private final Tuning tuning;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final List<String> itemIds = new ArrayList<>();
    private final List<Map<Integer, Pair>> pairs = new ArrayList<>();
    private final List<Integer> shoppers = new ArrayList<>();
    private final Map<String, ArrayDeque<Step>> sequences = new HashMap<>();
    private long events;
    private long pairCount;

    public CooccurrenceIndex(Tuning tuning) {
        this.tuning = tuning;
    }

    /** Counts one event. */
    public void add(String actor, String productId, String type, OffsetDateTime at) {
        lock.writeLock().lock();
        try {
            events++;
            int item = index(productId);
            double weight = tuning.typeWeights().getOrDefault(type, 1.0);
            boolean bought = "purchase".equals(type);
            ArrayDeque<Step> sequence = sequences.computeIfAbsent(actor, a -> new ArrayDeque<>());
            if (sequence.stream().anyMatch(step -> step.item() == item)) {
                // a repeat (viewed again, bought after viewing) strengthens nothing twice
                return;
            }
            shoppers.set(item, shoppers.get(item) + 1);
            Iterator<Step> newestFirst = sequence.descendingIterator();
            double decay = 1;
            while (newestFirst.hasNext()) {
                Step earlier = newestFirst.next();
                if (Duration.between(earlier.at(), at).abs().compareTo(tuning.pairWindow()) <= 0) {
                    double pairWeight = Math.min(weight, earlier.weight()) * decay;
                    boolean bothBought = bought && earlier.bought();
                    count(earlier.item(), item, pairWeight, bothBought);
                    count(item, earlier.item(), pairWeight, bothBought);
                }
                decay *= tuning.pairDecay();
            }
            sequence.addLast(new Step(item, weight, bought, at));
            if (sequence.size() > tuning.actorItems()) {
                sequence.removeFirst();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Items that go with the history, best first, each with the history item that contributed most as its reason.
     *
     * @param history most recent first; its items are never answered
     */
    public List<Candidate> candidates(List<String> history, int k) {
        lock.readLock().lock();
        try {
            Set<String> distinct = new LinkedHashSet<>(history);
            Map<Integer, double[]> scores = new HashMap<>();
            Map<Integer, Integer> strongestFrom = new HashMap<>();
            Set<Integer> historyItems = new HashSet<>();
            double historyWeight = 1;
            for (String id : distinct) {
                Integer item = itemIndex.get(id);
                if (item != null) {
                    historyItems.add(item);
                    double norm = Math.pow(Math.max(1, shoppers.get(item)), tuning.normalisationExponent());
                    for (Map.Entry<Integer, Pair> pair : pairs.get(item).entrySet()) {
                        double add = historyWeight * pair.getValue().weight / norm;
                        double[] score = scores.computeIfAbsent(pair.getKey(), j -> new double[2]);
                        score[0] += add;
                        if (add > score[1]) {
                            score[1] = add;
                            strongestFrom.put(pair.getKey(), item);
                        }
                    }
                }
                historyWeight *= tuning.historyDecay();
            }
            return scores.entrySet().stream()
                    .filter(entry -> !historyItems.contains(entry.getKey()))
                    .sorted((a, b) -> {
                        int byScore = Double.compare(b.getValue()[0], a.getValue()[0]);
                        if (byScore != 0) {
                            return byScore;
                        }
                        int byShoppers = Integer.compare(shoppers.get(b.getKey()), shoppers.get(a.getKey()));
                        return byShoppers != 0
                                ? byShoppers
                                : itemIds.get(a.getKey()).compareTo(itemIds.get(b.getKey()));
                    })
                    .limit(k)
                    .map(entry -> {
                        int from = strongestFrom.get(entry.getKey());
                        boolean bought = pairs.get(from).get(entry.getKey()).bought;
                        return new Candidate(
                                itemIds.get(entry.getKey()),
                                entry.getValue()[0],
                                (bought ? "bought together with " : "viewed together with ") + itemIds.get(from));
                    })
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The strongest bought-together pairs: per product its {@code perItem} strongest partners bought together by at
     * least {@code minSupport} shoppers, each pair once.
     */
    public List<BoughtTogether> boughtTogether(int perItem, int minSupport) {
        lock.readLock().lock();
        try {
            Map<String, BoughtTogether> chosen = new HashMap<>();
            for (int item = 0; item < itemIds.size(); item++) {
                int from = item;
                pairs.get(item).entrySet().stream()
                        .filter(pair -> pair.getValue().boughtBy >= minSupport)
                        .map(pair -> together(from, pair.getKey(), pair.getValue().boughtBy))
                        .sorted(Comparator.comparingDouble(BoughtTogether::strength)
                                .reversed()
                                .thenComparing(BoughtTogether::productId)
                                .thenComparing(BoughtTogether::otherId))
                        .limit(perItem)
                        .forEach(pair -> chosen.putIfAbsent(pair.productId() + "\n" + pair.otherId(), pair));
            }
            return chosen.values().stream()
                    .sorted(Comparator.comparing(BoughtTogether::productId).thenComparing(BoughtTogether::otherId))
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private BoughtTogether together(int a, int b, int support) {
        double strength = support / Math.sqrt((double) Math.max(1, shoppers.get(a)) * Math.max(1, shoppers.get(b)));
        String first = itemIds.get(a);
        String second = itemIds.get(b);
        return first.compareTo(second) < 0
                ? new BoughtTogether(first, second, support, strength)
                : new BoughtTogether(second, first, support, strength);
    }

    public long events() {
        lock.readLock().lock();
        try {
            return events;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int items() {
        lock.readLock().lock();
        try {
            return itemIds.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public long pairs() {
        lock.readLock().lock();
        try {
            return pairCount;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void count(int from, int to, double weight, boolean bought) {
        Pair pair = pairs.get(from).get(to);
        if (pair == null) {
            pair = new Pair();
            pairs.get(from).put(to, pair);
            pairCount++;
        }
        pair.weight += weight;
        pair.bought |= bought;
        if (bought) {
            pair.boughtBy++;
        }
    }

    private int index(String productId) {
        Integer known = itemIndex.get(productId);
        if (known != null) {
            return known;
        }
        int item = itemIds.size();
        itemIndex.put(productId, item);
        itemIds.add(productId);
        pairs.add(new HashMap<>());
        shoppers.add(0);
        return item;
    }
}
