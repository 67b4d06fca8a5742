package io.magpie.fusion.service;

import io.magpie.fusion.model.ActiveModelPointer;
import io.magpie.fusion.store.LegacyModelFolder;
import io.magpie.fusion.store.ModelStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Migrates the model folder used before the registry at start-up: its versions (same numbers) and, when the registry
 * has no activation yet, its active pointer are imported, then the folder is renamed aside, so there is one source of
 * truth. The registry's tables come from the service's schema migrations, which Flyway has run by then.
 */
@ApplicationScoped
public class ModelRegistryStartup {

    private static final Logger LOG = Logger.getLogger(ModelRegistryStartup.class);

    private final ModelStore store;
    private final LegacyModelFolder folder;

    public ModelRegistryStartup(ModelStore store, LegacyModelFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    void onStart(@Observes StartupEvent start) {
        if (!folder.exists()) {
            return;
        }
        List<LegacyModelFolder.Version> versions = folder.versions();
        // a pointer to a version the folder does not hold (deleted by hand) is not taken over
        Optional<ActiveModelPointer> active = folder.active()
                .filter(pointer -> versions.stream()
                        .anyMatch(v -> v.descriptor().ref().toString().equals(pointer.model())));
        int imported = store.importLegacy(versions, active);
        try {
            LOG.infof(
                    "imported %d of %d fusion model versions from the old model folder into the registry; "
                            + "the folder is now %s",
                    imported, versions.size(), folder.retire());
        } catch (IOException e) {
            LOG.warnf("imported the old model folder but cannot rename it: %s", e.getMessage());
        }
    }
}
