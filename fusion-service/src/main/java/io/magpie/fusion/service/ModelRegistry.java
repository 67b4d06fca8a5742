package io.magpie.fusion.service;

import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.FusionModelList;
import io.magpie.api.model.ModelRef;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ActiveModelPointer;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.AttentionFeatures;
import io.magpie.fusion.ranking.LoadedModel;
import io.magpie.fusion.ranking.attention.AttentionFusionModel;
import io.magpie.fusion.ranking.trees.TreeRanker;
import io.magpie.fusion.store.ModelFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The learned-ranker versions: which is active (shared through the model folder, re-read every
 * {@code active-recheck} so every replica follows an activation without restart), loading a version (refused
 * when its file is corrupt or its feature schema is not the running extractor's), and a few loaded versions
 * kept for requests that name one.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    private static final int LOADED_VERSIONS_KEPT = 8;

    private final ModelFiles files;
    private final FeatureExtractor extractor;
    private final long recheckNanos;
    private final AtomicReference<Active> active = new AtomicReference<>(Active.NONE);
    private final Map<ModelRef, LoadedModel> loaded = new LinkedHashMap<>(16, 0.75f, true);

    public ModelRegistry(ModelFiles files, FeatureExtractor extractor, FusionConfig config) {
        this.files = files;
        this.extractor = extractor;
        this.recheckNanos = config.models().activeRecheck().toNanos();
    }

    /** The active model, or empty: the storefront then gets the configured fixed strategy. */
    public Optional<LoadedModel> active() {
        Active current = active.get();
        if (System.nanoTime() - current.checkedAt() > recheckNanos) {
            current = refreshActive(current);
        }
        return Optional.ofNullable(current.model());
    }

    /** A version by {@code name@version}; 404 when unknown, 409/422 when it cannot serve (see {@link #load}). */
    public LoadedModel get(String model) {
        ModelRef ref = parse(model);
        synchronized (loaded) {
            LoadedModel cached = loaded.get(ref);
            if (cached != null) {
                return cached;
            }
        }
        LoadedModel fresh = load(ref);
        synchronized (loaded) {
            loaded.put(ref, fresh);
            if (loaded.size() > LOADED_VERSIONS_KEPT) {
                ModelRef eldest = loaded.keySet().iterator().next();
                LoadedModel dropped = loaded.remove(eldest);
                Active current = active.get();
                if (current.model() != dropped) {
                    dropped.close();
                }
            }
        }
        return fresh;
    }

    /**
     * Loads the version first and only then points the storefront at it: a version that cannot serve is refused
     * and the active one stays.
     */
    public FusionModelInfo activate(String model, String activatedBy) {
        LoadedModel candidate = get(model);
        files.writeActive(new ActiveModelPointer(candidate.descriptor().ref().toString(), Instant.now(), activatedBy));
        active.set(new Active(candidate, System.nanoTime(), files.activeChangedAt()));
        LOG.infof("fusion model %s activated by %s", candidate.descriptor().ref(), activatedBy);
        return info(candidate.descriptor(), true);
    }

    public FusionModelList list() {
        String activeRef = active().map(m -> m.descriptor().ref().toString()).orElse(null);
        List<FusionModelInfo> models = files.list().stream()
                .map(d -> info(d, d.ref().toString().equals(activeRef)))
                .toList();
        return new FusionModelList(activeRef, models);
    }

    public static FusionModelInfo info(ModelDescriptor d, boolean active) {
        return new FusionModelInfo(
                d.ref().toString(),
                d.kind(),
                d.schema().id(),
                d.createdAt(),
                active,
                d.metrics(),
                d.parameters(),
                d.note());
    }

    /** Refuses a version whose schema differs (409: it would read the wrong columns) or whose file is corrupt. */
    LoadedModel load(ModelRef ref) {
        ModelDescriptor descriptor =
                files.descriptor(ref).orElseThrow(() -> ProblemException.notFound("no fusion model " + ref));
        if (!descriptor.schema().equals(extractor.schema())) {
            throw new ProblemException(
                    409,
                    "Conflict",
                    "model " + ref + " was trained on feature schema "
                            + descriptor.schema().id() + " ("
                            + descriptor.schema().flatSize() + " features), this service "
                            + "computes " + extractor.schema().id() + " ("
                            + extractor.schema().flatSize() + "): retrain it");
        }
        if (ModelDescriptor.ATTENTION.equals(descriptor.kind())) {
            // the attention files check their own shape, schema (409) and checksum (422)
            AttentionFusionModel attention = AttentionFusionModel.load(
                    files.versionFolder(ref),
                    AttentionFeatures.shape(extractor.schema()),
                    AttentionFeatures.schemaId(extractor.schema()));
            return LoadedModel.ofAttention(descriptor, attention);
        }
        if (!ModelDescriptor.LAMBDAMART.equals(descriptor.kind())) {
            throw new ProblemException(
                    422,
                    "Unprocessable model",
                    "model " + ref + " is of kind '" + descriptor.kind() + "', which this service does not serve");
        }
        try {
            TreeRanker trees =
                    TreeRanker.load(files.modelBytes(ref), extractor.schema().flatSize());
            return new LoadedModel(descriptor, trees);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ProblemException(
                    422, "Unprocessable model", "model " + ref + " cannot be loaded: " + e.getMessage());
        }
    }

    private synchronized Active refreshActive(Active current) {
        if (active.get() != current) {
            return active.get();
        }
        FileTime changedAt = files.activeChangedAt();
        Active next;
        if (Objects.equals(changedAt, current.pointerTime())) {
            next = new Active(current.model(), System.nanoTime(), changedAt);
        } else {
            next = new Active(readPointer(current.model()), System.nanoTime(), changedAt);
        }
        active.set(next);
        return next;
    }

    /** The model the pointer names; on failure the current one stays (logged: an operator must look). */
    private LoadedModel readPointer(LoadedModel current) {
        try {
            Optional<ActiveModelPointer> pointer = files.readActive();
            return pointer.isEmpty() ? null : get(pointer.get().model());
        } catch (RuntimeException e) {
            LOG.errorf(
                    "the active fusion model cannot be loaded, keeping %s: %s",
                    current == null
                            ? "the fixed strategy"
                            : current.descriptor().ref(),
                    e.getMessage());
            return current;
        }
    }

    private static ModelRef parse(String model) {
        ModelRef ref = model == null ? null : ModelRef.parse(model);
        if (ref == null || ref.version() == null || !ref.isValid()) {
            throw ProblemException.invalidField("model", "name a model version as name@version, e.g. lambdamart@1");
        }
        return ref;
    }

    /** The active model (null: none) and when the pointer was last checked and changed. */
    private record Active(LoadedModel model, long checkedAt, FileTime pointerTime) {
        static final Active NONE = new Active(null, Long.MIN_VALUE / 2, null);
    }
}
