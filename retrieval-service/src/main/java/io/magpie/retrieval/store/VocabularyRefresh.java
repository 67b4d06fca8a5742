package io.magpie.retrieval.store;

import io.magpie.retrieval.config.RetrievalConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Rebuilds the typo vocabulary from the indexed texts on a fixed interval. The outbox delivers each write through
 * one replica only, so without this the other replicas would correct queries with a vocabulary frozen at their
 * start (and no replica would ever forget a deleted product's words).
 */
@ApplicationScoped
public class VocabularyRefresh {

    private static final Logger LOG = Logger.getLogger(VocabularyRefresh.class);

    private final ProductTextCollection collection;
    private final RetrievalConfig.Typo config;
    private ScheduledExecutorService timer;

    public VocabularyRefresh(ProductTextCollection collection, RetrievalConfig config) {
        this.collection = collection;
        this.config = config.typo();
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        long period = config.refreshInterval().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "typo-vocabulary-refresh");
            thread.setDaemon(true);
            return thread;
        });
        // the first build is MilvusStartup's; this one keeps every replica's copy current
        timer.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void refresh() {
        try {
            collection.rebuildVocabulary();
        } catch (RuntimeException e) {
            LOG.debugf("typo vocabulary not refreshed (%s); the next interval tries again", e.toString());
        }
    }
}
