package io.magpie.fusion.service;

import io.magpie.api.fusion.FusionModelActivation;
import io.magpie.api.fusion.FusionModelInfo;
import io.magpie.api.fusion.FusionModelList;
import io.magpie.api.model.ModelRef;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.model.ModelActivation;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.ranking.LoadedModel;
import io.magpie.fusion.store.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The learned-ranker versions of the registry (PostgreSQL, docs/adr/0020): which one the storefront gets (the
 * newest activation, re-read every {@code active-recheck}, so every replica follows an activation or a rollback
 * without restart), activation and rollback (the version is loaded first; one that cannot serve is refused and the
 * active one stays), and a few loaded versions kept for requests that name one.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    private static final int LOADED_VERSIONS_KEPT = 8;
    private static final int HISTORY_LISTED = 20;

    private final ModelStore store;
    private final ModelLoading loading;
    private final long recheckNanos;
    private final AtomicReference<Active> active = new AtomicReference<>(Active.NONE);
    private final Map<ModelRef, LoadedModel> loaded = new LinkedHashMap<>(16, 0.75f, true);

    public ModelRegistry(ModelStore store, ModelLoading loading, FusionConfig config) {
        this.store = store;
        this.loading = loading;
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

    /** A version by {@code name@version}; 404 when unknown, 409/422 when it cannot serve (see ModelLoading). */
    public LoadedModel get(String model) {
        return get(parse(model));
    }

    private LoadedModel get(ModelRef ref) {
        synchronized (loaded) {
            LoadedModel cached = loaded.get(ref);
            if (cached != null) {
                return cached;
            }
        }
        LoadedModel fresh = loading.load(ref);
        synchronized (loaded) {
            LoadedModel raced = loaded.putIfAbsent(ref, fresh);
            if (raced != null) {
                fresh.close();
                return raced;
            }
            if (loaded.size() > LOADED_VERSIONS_KEPT) {
                ModelRef eldest = loaded.keySet().iterator().next();
                LoadedModel dropped = loaded.remove(eldest);
                if (active.get().model() != dropped) {
                    dropped.close();
                }
            }
        }
        return fresh;
    }

    /**
     * Loads the version first and only then records it as active: a version that cannot serve is refused and the
     * active one stays.
     */
    public FusionModelInfo activate(String model, String activatedBy) {
        LoadedModel candidate = get(model);
        ModelActivation row =
                store.recordActivation(candidate.descriptor().ref(), activatedBy, FusionModelActivation.ACTIVATE);
        active.set(new Active(candidate, System.nanoTime(), row.id()));
        LOG.infof("fusion model %s activated by %s", candidate.descriptor().ref(), activatedBy);
        return info(candidate.descriptor(), true);
    }

    /**
     * Makes the version that was active before the current one active again (the fixed strategy when none was):
     * 409 when nothing was ever activated; the earlier version is loaded first, as for an activation.
     */
    public FusionModelActivation rollback(String activatedBy) {
        List<ModelActivation> history = store.activations(Integer.MAX_VALUE);
        if (history.isEmpty()) {
            throw new ProblemException(409, "Conflict", "no fusion model was ever activated: nothing to roll back");
        }
        ModelRef current = history.get(0).model();
        ModelRef previous = history.stream()
                .skip(1)
                .map(ModelActivation::model)
                .filter(ref -> !Objects.equals(ref, current))
                .findFirst()
                .orElse(null);
        LoadedModel model = previous == null ? null : get(previous);
        ModelActivation row = store.recordActivation(previous, activatedBy, FusionModelActivation.ROLLBACK);
        active.set(new Active(model, System.nanoTime(), row.id()));
        LOG.infof(
                "fusion model rolled back from %s to %s by %s",
                current, previous == null ? "the fixed strategy" : previous, activatedBy);
        return activation(row);
    }

    public FusionModelList list() {
        String activeRef = active().map(m -> m.descriptor().ref().toString()).orElse(null);
        List<FusionModelInfo> models = store.list().stream()
                .map(d -> info(d, d.ref().toString().equals(activeRef)))
                .toList();
        List<FusionModelActivation> history = store.activations(HISTORY_LISTED).stream()
                .map(ModelRegistry::activation)
                .toList();
        return new FusionModelList(activeRef, models, history);
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

    private static FusionModelActivation activation(ModelActivation row) {
        return new FusionModelActivation(
                row.model() == null ? null : row.model().toString(),
                row.activatedAt(),
                row.activatedBy(),
                row.action());
    }

    private synchronized Active refreshActive(Active current) {
        if (active.get() != current) {
            return active.get();
        }
        Active next;
        try {
            Optional<ModelActivation> latest = store.latestActivation();
            long id = latest.map(ModelActivation::id).orElse(0L);
            if (id == current.activationId()) {
                next = new Active(current.model(), System.nanoTime(), id);
            } else {
                ModelRef ref = latest.map(ModelActivation::model).orElse(null);
                next = new Active(ref == null ? null : loadOrKeep(ref, current.model()), System.nanoTime(), id);
            }
        } catch (RuntimeException e) {
            // the database did not answer: keep serving what was active, ask again after the next interval
            LOG.warnf("cannot read the active fusion model, keeping the current one: %s", e.getMessage());
            next = new Active(current.model(), System.nanoTime(), current.activationId());
        }
        active.set(next);
        return next;
    }

    /** The version another replica activated; when it cannot be loaded here the current one stays (logged). */
    private LoadedModel loadOrKeep(ModelRef ref, LoadedModel current) {
        try {
            return get(ref);
        } catch (RuntimeException e) {
            LOG.errorf(
                    "the active fusion model %s cannot be loaded, keeping %s: %s",
                    ref,
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

    /** The active model (null: none), when it was last checked, and the activation row it follows (0: none). */
    private record Active(LoadedModel model, long checkedAt, long activationId) {
        static final Active NONE = new Active(null, Long.MIN_VALUE / 2, -1);
    }
}
