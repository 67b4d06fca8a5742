package io.magpie.encoder.service;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.magpie.api.encoder.ModelInfo;
import io.magpie.api.encoder.ModelList;
import io.magpie.api.encoder.ModelVersionInfo;
import io.magpie.api.model.ModelRef;
import io.magpie.api.problem.ProblemException;
import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.model.ModelDirectory;
import io.magpie.encoder.model.ModelDirectory.ModelVersion;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TorchRuntime;
import io.magpie.encoder.model.hf.ModelDescriptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The loaded model versions and which one each name serves. Loads the configured ones in the background at
 * start (live at once, ready when all are warm); activating a version loads and warms it first, then swaps it
 * in atomically; the version it replaces is closed when its last request ends.
 *
 * <p>With several replicas on one model directory, the active marker there ({@code <name>/ACTIVE}) is the truth:
 * an activation writes it, and every replica reads it every {@code active-refresh-interval} and swaps in the
 * version it names the same way (docs/adr/0037).
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final EncoderConfig config;
    private final MicroBatcher batcher;
    private final ModelDirectory directory;
    /** Loaded versions by name@version. */
    private final Map<String, ServedModel> loaded = new ConcurrentHashMap<>();
    /** The version each name serves. */
    private final Map<String, ServedModel> active = new ConcurrentHashMap<>();

    private final CompletableFuture<Engine> engine = new CompletableFuture<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    /** Marked versions this replica could not follow yet, by name; guarded by this. */
    private final Map<String, MarkerMiss> misses = new HashMap<>();

    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "encoder-active-follower");
        thread.setDaemon(true);
        return thread;
    });

    /** A marked version not served yet: missing from the directory, or failing to load (retried with back-off). */
    private record MarkerMiss(String version, int failures, long retryAtNanos) {}

    public ModelRegistry(EncoderConfig config, MicroBatcher batcher) {
        this.config = config;
        this.batcher = batcher;
        this.directory = new ModelDirectory(config.modelDir());
    }

    /** A use of one model version, for the length of one request. */
    public record Lease(ServedModel model) implements AutoCloseable {
        public SentenceEncoder encoder() {
            return model.encoder();
        }

        @Override
        public void close() {
            model.release();
        }
    }

    void start(@Observes StartupEvent event) {
        startLoading();
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }

    /**
     * Loads the configured models in the background, then follows the active markers. Public so that a test can
     * run a second registry on the same model directory, as another replica would.
     */
    public void startLoading() {
        Thread loader = new Thread(this::loadConfiguredModels, "encoder-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** Stops following the markers and closes every loaded version once its last request ends. */
    public void close() {
        follower.shutdownNow();
        synchronized (this) {
            loaded.values().forEach(ServedModel::release);
            loaded.clear();
            active.clear();
        }
    }

    public boolean isReady() {
        return started.isDone() && !started.isCompletedExceptionally();
    }

    /** Why starting failed, when it did. */
    public Optional<Throwable> failure() {
        if (!started.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            started.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    /** The vector dimension of the default model's active version (0 before it is loaded). */
    public long defaultDimension() {
        ServedModel model = active.get(config.model());
        return model == null ? 0 : model.encoder().dimension();
    }

    /** The versions now served by each name, name@version. */
    public List<String> activeVersions() {
        return active.values().stream().map(ServedModel::key).sorted().toList();
    }

    /**
     * Takes a use of the model a request names: null for the default model, {@code name} for its active
     * version, {@code name@version} for that version, which must be loaded.
     */
    public Lease acquire(String requested) {
        ModelRef ref = ModelRef.parse(requested == null ? config.model() : requested);
        String name = ref.name();
        String version = ref.version();
        if (!isReady()) {
            throw notReady();
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            ServedModel model = version == null
                    ? active.get(name)
                    : loaded.get(ModelRef.of(name, version).toString());
            if (model == null) {
                throw unknown(requested, name, version);
            }
            if (model.acquire()) {
                return new Lease(model);
            }
            Thread.onSpinWait(); // closed between the look-up and the use: a newer one is in the map by now
        }
        throw new ProblemException(503, "Model not available", "model '" + requested + "' is being replaced; retry");
    }

    /**
     * Makes {@code version} the one {@code name} serves: loads and warms it unless loaded, records it in the
     * active marker (which the other replicas follow, and which outlives restarts), swaps it in, and lets the
     * previous one close after its last request. When the marker cannot be written nothing changes: a replica
     * serving a version the marker does not name would be swapped back by its own follower.
     */
    public synchronized ModelInfo activate(String name, String version) {
        requireStarted();
        ServedModel next = loadVersion(name, version);
        try {
            directory.markActive(name, version);
        } catch (IOException e) {
            throw new ProblemException(
                    503,
                    "Activation not recorded",
                    "could not write the active marker of '" + name + "' (" + e.getMessage()
                            + "); the version served is unchanged");
        }
        swapIn(name, next);
        misses.remove(name);
        return info(name);
    }

    /** Serves {@code next} under {@code name} from the next request on; the previous version closes when idle. */
    private void swapIn(String name, ServedModel next) {
        ServedModel previous = active.put(name, next);
        if (previous != null && previous != next) {
            loaded.remove(previous.key(), previous);
            previous.release();
            LOG.infof("model %s now serves %s (was %s)", name, next.key(), previous.key());
        }
    }

    /** Swaps in the version each served name's marker names, when it differs from the one served. */
    void followMarkers() {
        for (String name : List.copyOf(active.keySet())) {
            try {
                follow(name);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not follow the active marker of %s", name);
            }
        }
    }

    private synchronized void follow(String name) {
        Optional<String> marked;
        try {
            marked = directory.markedActive(name);
        } catch (IOException e) {
            LOG.warnf("cannot read the active marker of %s: %s", name, e.getMessage());
            return;
        }
        ServedModel current = active.get(name);
        if (marked.isEmpty()
                || current == null
                || current.encoder().descriptor().version().equals(marked.get())) {
            misses.remove(name);
            return;
        }
        String version = marked.get();
        MarkerMiss miss = misses.get(name);
        if (miss != null && !miss.version().equals(version)) {
            miss = null; // the marker moved on: a fresh start
        }
        if (directory.find(name, version).isEmpty()) {
            if (miss == null) {
                LOG.warnf(
                        "the active marker of %s names version '%s', which is not in the model directory; "
                                + "still serving %s",
                        name, version, current.key());
                misses.put(name, new MarkerMiss(version, 0, System.nanoTime()));
            }
            return; // looked for again next time: it may still be being copied in
        }
        if (miss != null && System.nanoTime() - miss.retryAtNanos() < 0) {
            return;
        }
        try {
            swapIn(name, loadVersion(name, version));
            misses.remove(name);
            LOG.infof("model %s follows its active marker to version %s", name, version);
        } catch (RuntimeException e) {
            int failures = miss == null ? 1 : miss.failures() + 1;
            // Loading costs seconds of CPU: wait longer after each failure, up to 32 intervals.
            Duration wait = config.activeRefreshInterval().multipliedBy(1L << Math.min(failures - 1, 5));
            misses.put(name, new MarkerMiss(version, failures, System.nanoTime() + wait.toNanos()));
            LOG.warnf(
                    "could not load %s@%s, which the active marker names (failure %d, next try in %s); "
                            + "still serving %s: %s",
                    name, version, failures, wait, current.key(), e.getMessage());
        }
    }

    /** Loads and warms a version without serving it under its name, e.g. to re-encode the catalogue first. */
    public synchronized ModelInfo load(String name, String version) {
        requireStarted();
        loadVersion(name, version);
        return info(name);
    }

    /** Closes a loaded version that is not active, once its last request ends. */
    public synchronized ModelInfo unload(String name, String version) {
        requireStarted();
        ModelRef ref = ModelRef.of(name, version);
        ServedModel model = loaded.get(ref.toString());
        if (model == null) {
            throw ProblemException.notFound(ref + " is not loaded");
        }
        if (active.get(name) == model) {
            throw new ProblemException(
                    409, "Active version", ref + " is the active version; activate another version first");
        }
        loaded.remove(model.key());
        model.release();
        return info(name);
    }

    public ModelList list() {
        return new ModelList(directory.names().stream().map(this::info).toList());
    }

    public ModelInfo info(String name) {
        List<ModelVersion> versions = directory.versions(name);
        if (versions.isEmpty()) {
            throw ProblemException.notFound("no model named '" + name + "'; known: " + directory.names());
        }
        ServedModel current = active.get(name);
        List<ModelVersionInfo> infos = new ArrayList<>();
        for (ModelVersion version : versions) {
            ModelDescriptor d = version.descriptor();
            ServedModel model = loaded.get(version.key());
            Integer dim = model != null
                    ? Integer.valueOf(model.encoder().dimension())
                    : version.configuredDimension().orElse(null);
            infos.add(new ModelVersionInfo(
                    d.version(),
                    version.builtIn().isPresent(),
                    model != null,
                    current != null && current == model,
                    dim,
                    d.maxTokens(),
                    d.pooling().json(),
                    d.normalize(),
                    d.queryPrefix(),
                    d.documentPrefix(),
                    d.createdAt(),
                    d.base(),
                    d.training()));
        }
        return new ModelInfo(
                name, current == null ? null : current.encoder().descriptor().version(), infos);
    }

    private ServedModel loadVersion(String name, String version) {
        ServedModel existing = loaded.get(ModelRef.of(name, version).toString());
        if (existing != null) {
            return existing;
        }
        ModelVersion found = directory
                .find(name, version)
                .orElseThrow(
                        () -> ProblemException.notFound("no version '" + version + "' of model '" + name + "'; known: "
                                + directory.versions(name).stream()
                                        .map(v -> v.descriptor().version())
                                        .toList()));
        ServedModel model = open(found);
        loaded.put(model.key(), model);
        return model;
    }

    /** Loads a version and encodes a text with it on the forward threads, so its first request is not slow. */
    private ServedModel open(ModelVersion version) {
        long start = System.nanoTime();
        SentenceEncoder encoder;
        try {
            Engine torch = engine.join();
            encoder = version.load(torch, device(torch), config.denseKernel());
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(
                    422, "Model not loadable", version.key() + " could not be loaded: " + e.getMessage());
        }
        ServedModel model = new ServedModel(encoder);
        long loadedAt = System.nanoTime();
        try {
            // Through both lanes: each forward thread settles its PyTorch settings on its first pass.
            for (Lane lane : Lane.values()) {
                batcher.submit(model, List.of("warm-up"), lane).join();
            }
        } catch (RuntimeException e) {
            model.release();
            throw new ProblemException(
                    422, "Model not loadable", version.key() + " failed its warm-up pass: " + e.getMessage());
        }
        LOG.infof(
                "model %s ready on %s: %d layers, %d dims, %s pooling, %s dense kernel; loaded in %d ms, warmed up in %d ms",
                version.key(),
                encoder.device(),
                encoder.config().layers(),
                encoder.dimension(),
                encoder.descriptor().pooling().json(),
                encoder.denseKernel(),
                millis(loadedAt - start),
                millis(System.nanoTime() - loadedAt));
        return model;
    }

    private Device device(Engine torch) {
        return config.device().map(Device::fromName).orElse(torch.defaultDevice());
    }

    private void loadConfiguredModels() {
        try {
            engine.complete(TorchRuntime.start(
                    config.djl().offline(), config.djl().cacheDir(), config.effectiveIntraOpThreads()));
            Set<String> wanted = new LinkedHashSet<>();
            wanted.add(config.model());
            wanted.addAll(config.load());
            synchronized (this) {
                for (String entry : wanted) {
                    ModelRef ref = ModelRef.parse(entry);
                    String name = ref.name();
                    String version = ref.version() != null
                            ? ref.version()
                            : directory
                                    .defaultVersion(name)
                                    .map(v -> v.descriptor().version())
                                    .orElseThrow(() -> new IllegalStateException("magpie.encoder.load names '" + name
                                            + "', which has no version; known models: " + directory.names()));
                    ServedModel model = loadVersion(name, version);
                    // A name without a version, or the first version given for a name, is what the name serves.
                    if (ref.version() == null || !active.containsKey(name)) {
                        active.put(name, model);
                    }
                }
            }
            // A marker written by an activation on any replica wins over the configured version.
            followMarkers();
            LOG.infof("encoder ready; serving %s", activeVersions());
            started.complete(null);
            long every = config.activeRefreshInterval().toMillis();
            if (every > 0 && !follower.isShutdown()) {
                follower.scheduleWithFixedDelay(this::followMarkers, every, every, TimeUnit.MILLISECONDS);
            }
        } catch (Throwable e) {
            LOG.error("the configured models could not be loaded", e);
            engine.completeExceptionally(e);
            started.completeExceptionally(e);
        }
    }

    private void requireStarted() {
        if (!isReady()) {
            throw notReady();
        }
    }

    private ProblemException notReady() {
        if (started.isCompletedExceptionally()) {
            return new ProblemException(
                    503, "Model not available", "the configured models failed to load; the cause is in the server log");
        }
        return new ProblemException(503, "Model not ready", "models are still loading; retry in a few seconds");
    }

    private ProblemException unknown(String requested, String name, String version) {
        List<ModelVersion> versions = directory.versions(name);
        String message;
        if (versions.isEmpty()) {
            message = "unknown model '" + requested + "'; known: " + directory.names();
        } else if (version == null) {
            message = "model '" + name + "' has no loaded version; activate one first";
        } else if (versions.stream().noneMatch(v -> v.descriptor().version().equals(version))) {
            message = "unknown version '" + version + "' of model '" + name + "'; known: "
                    + versions.stream().map(v -> v.descriptor().version()).toList();
        } else {
            message = "version '" + version + "' of model '" + name + "' is not loaded; loaded: "
                    + loaded.keySet().stream().sorted().toList();
        }
        return ProblemException.invalidField("model", message);
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
