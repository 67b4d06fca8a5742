package io.magpie.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The branches of one request that failed or timed out. A guarded branch never fails the request: it answers
 * its fallback instead, and its name is recorded so the answer can say it is degraded.
 */
final class DegradedSources {

    private static final Logger LOG = Logger.getLogger(DegradedSources.class);

    /** Search's counter of degraded branches (also browse's). */
    static final String SEARCH_METRIC = "magpie.search.degraded";

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final String metricName;

    DegradedSources(MeterRegistry metrics) {
        this(metrics, SEARCH_METRIC);
    }

    /** Counts each degraded branch under this metric name, tagged with the branch. */
    DegradedSources(MeterRegistry metrics, String metricName) {
        this.metrics = metrics;
        this.metricName = metricName;
    }

    <T> Uni<T> guard(String branch, Duration timeout, Supplier<Uni<? extends T>> call, T fallback) {
        return Uni.createFrom()
                .<T>deferred(call)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new BranchTimeoutException(branch, timeout))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("branch %s degraded (%s): %s", branch, metricName, failure.toString());
                    names.add(branch);
                    metrics.counter(metricName, "branch", branch).increment();
                    return fallback;
                });
    }

    void add(String branch) {
        names.add(branch);
    }

    boolean contains(String branch) {
        return names.contains(branch);
    }

    List<String> sorted() {
        return names.stream().sorted().toList();
    }

    private static final class BranchTimeoutException extends RuntimeException {
        BranchTimeoutException(String branch, Duration timeout) {
            super(branch + " gave no answer within " + timeout.toMillis() + " ms");
        }
    }
}
