package io.magpie.retrieval.store;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Prepares the product collection as soon as the service starts, in the background: start-up does not wait for
 * Milvus, and when it is not there yet the readiness probe and the first request try again.
 */
@ApplicationScoped
public class MilvusStartup {

    private static final Logger LOG = Logger.getLogger(MilvusStartup.class);

    private final ProductTextCollection collection;

    public MilvusStartup(ProductTextCollection collection) {
        this.collection = collection;
    }

    void onStart(@Observes StartupEvent event) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                collection.ensureReady();
                collection.rebuildVocabulary();
            } catch (RuntimeException e) {
                LOG.warnf("Milvus collection not ready yet (%s); readiness and the next request retry", e.toString());
            }
        });
    }
}
