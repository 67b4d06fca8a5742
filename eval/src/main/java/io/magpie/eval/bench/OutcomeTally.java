package io.magpie.eval.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts the outcomes of a load level, from any number of threads. */
final class OutcomeTally {

    private static final int ERROR_SAMPLES = 5;

    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong degraded = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, LongAdder> degradedBranches = new ConcurrentSkipListMap<>();
    private final List<String> errorSamples = new ArrayList<>();

    void add(Outcome outcome) {
        switch (outcome.kind()) {
            case OK -> ok.incrementAndGet();
            case DEGRADED -> {
                degraded.incrementAndGet();
                if (outcome.detail() != null && !outcome.detail().isEmpty()) {
                    for (String branch : outcome.detail().split(",")) {
                        degradedBranches
                                .computeIfAbsent(branch, b -> new LongAdder())
                                .increment();
                    }
                }
            }
            case ERROR -> addErrors(1, outcome.detail());
        }
    }

    void addErrors(long count, String sample) {
        errors.addAndGet(count);
        synchronized (errorSamples) {
            if (errorSamples.size() < ERROR_SAMPLES) {
                errorSamples.add(sample);
            }
        }
    }

    long ok() {
        return ok.get();
    }

    long degraded() {
        return degraded.get();
    }

    long errors() {
        return errors.get();
    }

    long counted() {
        return ok.get() + degraded.get() + errors.get();
    }

    /** Per branch, how many degraded answers named it, by branch name. */
    Map<String, Long> degradedBranches() {
        Map<String, Long> counts = new LinkedHashMap<>();
        degradedBranches.forEach((branch, count) -> counts.put(branch, count.sum()));
        return counts;
    }

    List<String> errorSamples() {
        synchronized (errorSamples) {
            return List.copyOf(errorSamples);
        }
    }
}
