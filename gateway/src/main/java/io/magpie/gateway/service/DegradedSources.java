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

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final BranchGuards guards;

    DegradedSources(MeterRegistry metrics, BranchGuards guards) {
        this.metrics = metrics;
        this.guards = guards;
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
                        LOG.debugf("search branch %s skipped: %s", branch, failure.toString());
                    } else {
                        LOG.warnf("search branch %s degraded: %s", branch, failure.toString());
                    }
                    names.add(branch);
                    metrics.counter("magpie.search.degraded", "branch", branch).increment();
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
