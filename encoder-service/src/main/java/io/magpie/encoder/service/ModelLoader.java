package io.magpie.encoder.service;

import ai.djl.engine.Engine;
import io.magpie.api.problem.ProblemException;
import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.model.ModelCatalog;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TorchRuntime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Loads and warms up the configured model in the background at startup, so that the service is live at
 * once and ready (see the readiness check) when the model is; closes it at shutdown.
 */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final EncoderConfig config;
    private final ForwardPassRunner passes;
    private final CompletableFuture<SentenceEncoder> loaded = new CompletableFuture<>();

    public ModelLoader(EncoderConfig config, ForwardPassRunner passes) {
        this.config = config;
        this.passes = passes;
    }

    void start(@Observes StartupEvent event) {
        Thread loader = new Thread(this::load, "encoder-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loaded.thenAccept(SentenceEncoder::close);
    }

    /** The model, or a 503 problem while it is still loading or if it failed to load. */
    public SentenceEncoder encoder() {
        if (!loaded.isDone()) {
            throw new ProblemException(503, "Model not ready",
                    "model '" + config.model() + "' is still loading; retry in a few seconds");
        }
        if (loaded.isCompletedExceptionally()) {
            throw new ProblemException(503, "Model not available",
                    "model '" + config.model() + "' failed to load; the cause is in the server log");
        }
        return loaded.join();
    }

    public boolean isReady() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    /** Why loading failed, when it did. */
    public Optional<Throwable> failure() {
        if (!loaded.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            loaded.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    private void load() {
        long start = System.nanoTime();
        try {
            ModelSpec spec = ModelCatalog.find(config.model()).orElseThrow(() -> new IllegalStateException(
                    "magpie.encoder.model=" + config.model() + " is not a known model; known: "
                            + ModelCatalog.names()));
            Engine engine = TorchRuntime.start(config.djl().offline(), config.djl().cacheDir(),
                    config.effectiveIntraOpThreads());
            SentenceEncoder encoder = SentenceEncoder.load(spec, engine);
            long loadedAt = System.nanoTime();
            warmUp(encoder);
            LOG.infof("model %s v%s ready: %d layers, %d heads, %d dims; loaded in %d ms, warmed up in %d ms",
                    spec.name(), spec.version(), encoder.config().layers(), encoder.config().attentionHeads(),
                    encoder.dimension(), millis(loadedAt - start), millis(System.nanoTime() - loadedAt));
            loaded.complete(encoder);
        } catch (Throwable e) {
            LOG.errorf(e, "model %s could not be loaded", config.model());
            loaded.completeExceptionally(e);
        }
    }

    /**
     * The first pass allocates buffers and picks kernels: pay for it here, on the threads that will run the
     * passes, not in a caller's request.
     */
    private void warmUp(SentenceEncoder encoder) {
        try {
            passes.run(() -> encoder.embed(encoder.tokenize(List.of("warm-up"))));
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
