package io.magpie.encoder.health;

import io.magpie.encoder.service.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every configured model is loaded and has encoded its warm-up text; before that, only 503s. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final ModelRegistry models;

    public ModelReadinessCheck(ModelRegistry models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("encoder-model");
        if (models.isReady()) {
            return response.up()
                    .withData("models", String.join(",", models.activeVersions()))
                    .withData("dim", models.defaultDimension())
                    .build();
        }
        return models.failure()
                .map(e -> response.down().withData("state", "failed").withData("error", String.valueOf(e)))
                .orElseGet(() -> response.down().withData("state", "loading"))
                .build();
    }
}
