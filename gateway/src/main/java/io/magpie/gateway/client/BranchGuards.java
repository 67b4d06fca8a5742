package io.magpie.gateway.client;

import io.magpie.api.metrics.OwnedGauges;
import io.magpie.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A circuit breaker and a bulkhead (SmallRye Fault Tolerance) for each outbound branch of a search or
 * recommendation (encoder, dense, lexical, graph, fusion, catalog, ...): after enough of a branch's calls failed or
 * timed out, the breaker opens and the branch is skipped at once instead of costing every request its timeout; after
 * {@code delay} a probe call goes through, and the breaker closes when probes succeed. The bulkhead bounds a
 * branch's calls in flight, so a hung peer cannot hold every request of the gateway. Rejected calls fail at once
 * with SmallRye's {@code CircuitBreakerOpenException} or {@code BulkheadException}; the caller degrades the branch.
 *
 * <p>Per branch, not per client: retrieval-service's dense (Milvus) and lexical and catalogue reads (PostgreSQL)
 * fail independently. The state is in {@code magpie_outbound_breaker_state{branch}} (0 closed, 1 open, 2 half-open),
 * rejections in {@code magpie_outbound_rejected_total{branch,reason}}.
 */
@ApplicationScoped
public class BranchGuards {

    private final GatewayConfig.Breakers settings;
    private final MeterRegistry metrics;
    private final OwnedGauges gauges;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    public BranchGuards(GatewayConfig config, MeterRegistry metrics) {
        this.settings = config.breakers();
        this.metrics = metrics;
        this.gauges = new OwnedGauges(metrics);
    }

    /** The gauges go with this bean: the registry can outlive it (see {@link OwnedGauges}). */
    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    /**
     * {@code call} through the branch's breaker and bulkhead; its timeout must be inside {@code call}. A call whose
     * connection was refused never carried its request, so it is made once more: the REST client's balancer
     * (least-response-time, which counts the refusal as very slow) then picks another replica, and one dead replica
     * of a service does not fail the branch.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(String branch, Supplier<Uni<T>> call) {
        Supplier<Uni<T>> onceMoreIfRefused = () -> Uni.createFrom()
                .deferred(call::get)
                .onFailure(ServiceAddresses::neverReached)
                .retry()
                .atMost(1);
        if (!settings.enabled()) {
            return onceMoreIfRefused.get();
        }
        Guard guard = guards.computeIfAbsent(branch, this::guardOf);
        return Uni.createFrom().deferred(() -> guard.get(() -> (Uni<Object>) onceMoreIfRefused.get(), Uni.class));
    }

    private Guard guardOf(String branch) {
        AtomicInteger state = new AtomicInteger(0);
        gauges.register(Gauge.builder("magpie.outbound.breaker.state", state, AtomicInteger::get)
                .tags(Tags.of("branch", branch)));
        return Guard.create()
                .withDescription("gateway branch " + branch)
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.window())
                .failureRatio(settings.failureRatio())
                .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.successThreshold())
                .when(BranchGuards::isPeerFailure)
                .onStateChange(changed -> state.set(code(changed)))
                .onPrevented(() -> rejected(branch, "breaker-open"))
                .done()
                .withBulkhead()
                .limit(settings.concurrentCalls())
                .queueSize(settings.queuedCalls())
                .onRejected(() -> rejected(branch, "bulkhead-full"))
                .done()
                .build();
    }

    /** A 4xx answer is the request's fault, not the peer's: it must not open the breaker. */
    private static boolean isPeerFailure(Throwable failure) {
        return !(failure instanceof WebApplicationException answered
                && answered.getResponse().getStatus() >= 400
                && answered.getResponse().getStatus() < 500);
    }

    private void rejected(String branch, String reason) {
        metrics.counter("magpie.outbound.rejected", "branch", branch, "reason", reason)
                .increment();
    }

    private static int code(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}
