package io.magpie.fusion.health;

import io.magpie.api.fusion.FuseRequest;
import io.magpie.api.fusion.ItemData;
import io.magpie.api.fusion.QueryContext;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.fusion.config.WarmUpConfig;
import io.magpie.fusion.service.FusionService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Not ready until the fuse path is warm. A fusion-service that says ready while its fuse path is cold (classes
 * loaded, code not yet compiled, the active model read from PostgreSQL and parsed on the first call) answers its
 * first searches slower than the gateway's fusion timeout (1 s). Each of those timeouts re-opens the gateway's
 * circuit breaker for its whole delay, and the breaker's half-open probes (two requests per delay) are too few to
 * warm it: after a restart, search stayed degraded for about 20 s (docs/reliability.md). So the service fuses
 * synthetic candidate lists through the same code as a request (the active model when there is one) before it
 * reports ready.
 */
@Readiness
@ApplicationScoped
public class FuseWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(FuseWarmUp.class);
    private static final List<String> SOURCES = List.of("dense", "lexical", "graph");
    private static final int CANDIDATES = 100;

    private final FusionService fusion;
    private final WarmUpConfig config;
    private volatile boolean warm;
    private volatile int calls;

    public FuseWarmUp(FusionService fusion, WarmUpConfig config) {
        this.fusion = fusion;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.calls() <= 0) {
            warm = true;
            return;
        }
        // its own thread: start-up goes on (the HTTP server, liveness) while the fuse path warms
        Thread warmUp = new Thread(this::warmUp, "fuse-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void warmUp() {
        long began = System.nanoTime();
        long deadline = began + config.budget().toNanos();
        try {
            while (calls < config.calls() && System.nanoTime() < deadline) {
                fusion.fuse(request(calls));
                calls++;
            }
        } catch (RuntimeException e) {
            // a request the service refuses (say, an active model it cannot load) must not keep it unready
            LOG.warnf("fuse warm-up stopped after %d calls: %s", calls, e.getMessage());
        } finally {
            warm = true;
            LOG.infof("fuse path warmed with %d calls in %d ms", calls, (System.nanoTime() - began) / 1_000_000);
        }
    }

    /** Three sources' lists over overlapping products, with catalogue data and a query, as a search sends them. */
    private static FuseRequest request(int round) {
        Map<String, ItemData> items = new HashMap<>();
        List<CandidateList> lists = SOURCES.stream()
                .map(source -> new CandidateList(
                        source,
                        IntStream.range(0, CANDIDATES)
                                .mapToObj(i -> {
                                    // each list has distinct ids; the lists overlap in part, as real ones do
                                    int offset = SOURCES.indexOf(source) * 25 + round % 7;
                                    String id = "warm-up-" + (i + offset) % (CANDIDATES + 50);
                                    items.putIfAbsent(id, item(id));
                                    return new Candidate(id, 1.0 / (i + 1), null, null);
                                })
                                .toList()))
                .toList();
        return new FuseRequest(null, lists, 10, new QueryContext("stainless steel water bottle"), items, null, null);
    }

    private static ItemData item(String id) {
        return new ItemData(
                "Stainless steel water bottle " + id,
                "Warm-up",
                List.of("Sports & Outdoors", "Water Bottles"),
                "silver",
                4.5,
                120,
                19.99,
                true,
                List.of("keeps drinks cold for 24 hours"));
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fuse path warmed")
                .status(warm)
                .withData("calls", calls)
                .build();
    }
}
