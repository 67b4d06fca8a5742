package io.magpie.encoder.health;

import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.service.ModelLoader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the model is loaded and has encoded its warm-up text; traffic before that would only get 503s. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final ModelLoader models;
    private final EncoderConfig config;

    public ModelReadinessCheck(ModelLoader models, EncoderConfig config) {
        this.models = models;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("encoder-model")
                .withData("model", config.model());
        if (models.isReady()) {
            return response.up().withData("dim", models.encoder().dimension()).build();
        }
        return models.failure()
                .map(e -> response.down().withData("state", "failed").withData("error", String.valueOf(e)))
                .orElseGet(() -> response.down().withData("state", "loading"))
                .build();
    }
}
