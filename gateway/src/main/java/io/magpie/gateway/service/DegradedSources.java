package io.magpie.gateway.service;

import io.magpie.gateway.client.BranchGuards;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The branches of one request that failed or timed out. A guarded branch never fails the request: it answers
 * its fallback instead, and its name is recorded so the answer can say it is degraded. Each call goes through the
 * branch's circuit breaker and bulkhead ({@link BranchGuards}): while a branch's breaker is open, it degrades at once.
 */
final class DegradedSources {

    private static final Logger LOG = Logger.getLogger(DegradedSources.class);

    /** Search's counter of degraded branches (also browse's). */
    static final String SEARCH_METRIC = "magpie.search.degraded";

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final BranchGuards guards;
    private final String metricName;

    DegradedSources(MeterRegistry metrics, BranchGuards guards) {
        this(metrics, guards, SEARCH_METRIC);
    }

    /** Counts each degraded branch under this metric name, tagged with the branch. */
    DegradedSources(MeterRegistry metrics, BranchGuards guards, String metricName) {
        this.metrics = metrics;
        this.guards = guards;
        this.metricName = metricName;
    }

    <T> Uni<T> guard(String branch, Duration timeout, Supplier<Uni<? extends T>> call, T fallback) {
        return guards.<T>call(
                        branch,
                        () -> Uni.createFrom()
                                .<T>deferred(call)
                                .ifNoItem()
                                .after(timeout)
                                .failWith(() -> new BranchTimeoutException(branch, timeout)))
                .onFailure()
                .recoverWithItem(failure -> {
                    if (failure instanceof CircuitBreakerOpenException || failure instanceof BulkheadException) {
                        LOG.debugf("branch %s skipped (%s): %s", branch, metricName, failure.toString());
                    } else {
                        LOG.warnf("branch %s degraded (%s): %s", branch, metricName, failure.toString());
                    }
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
