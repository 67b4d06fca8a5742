package io.magpie.retrieval.health;

import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.MilvusConnection;
import io.magpie.retrieval.store.ProductTextCollection;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Milvus answers healthy and the product collection exists behind its alias and is loaded; a probe
 * also retries creating it, so the service becomes ready by itself once Milvus comes up.
 */
@Readiness
@ApplicationScoped
public class MilvusReadinessCheck implements AsyncHealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final MilvusConnection connection;
    private final ProductTextCollection collection;
    private final String uri;

    public MilvusReadinessCheck(MilvusConnection connection, ProductTextCollection collection, RetrievalConfig config) {
        this.connection = connection;
        this.collection = collection;
        this.uri = config.milvus().uri();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom()
                .item(this::probe)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem()
                .after(PROBE_TIMEOUT)
                .recoverWithItem(() -> down("no answer within " + PROBE_TIMEOUT))
                .onFailure()
                .recoverWithItem(e -> down(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private HealthCheckResponse probe() {
        collection.ensureReady();
        boolean healthy =
                Boolean.TRUE.equals(connection.searchClient().checkHealth().getIsHealthy());
        return HealthCheckResponse.named("milvus")
                .status(healthy)
                .withData("uri", uri)
                .withData("alias", collection.alias())
                .build();
    }

    private HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named("milvus")
                .down()
                .withData("uri", uri)
                .withData("error", reason)
                .build();
    }
}
