package io.magpie.retrieval.indexing;

import io.magpie.retrieval.store.OutboxEntry;
import io.magpie.retrieval.store.OutboxRepository;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.EventLoopRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Drains the outbox: takes the longest-waiting changes in batches, delivers them (Milvus and the graph, see
 * {@link IndexDelivery}) and removes them. When a dependency is down the batch stays and is retried with
 * exponential backoff; search keeps reading what Milvus already holds. After each burst, once the outbox is empty,
 * it seals what it wrote. One thread; ingest wakes it after each commit.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);

    private final OutboxRepository outbox;
    private final IndexDelivery delivery;
    private final EventLoopRunner eventLoop;
    private final RetrievalConfig.Indexing config;
    private final Counter delivered;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private volatile String lastError;
    private boolean woken;
    private Thread thread;

    public OutboxWorker(OutboxRepository outbox, IndexDelivery delivery, EventLoopRunner eventLoop,
                        RetrievalConfig config, MeterRegistry registry) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.eventLoop = eventLoop;
        this.config = config.indexing();
        this.delivered = Counter.builder("magpie.outbox.delivered")
                .description("Catalogue changes delivered to Milvus and the graph").register(registry);
        this.failures = Counter.builder("magpie.outbox.failures")
                .description("Outbox batches that failed and wait for a retry").register(registry);
        Gauge.builder("magpie.outbox.pending", pending, AtomicLong::get)
                .description("Catalogue changes not yet in Milvus and the graph").register(registry);
        Gauge.builder("magpie.outbox.oldest.age.seconds", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("How long the oldest undelivered change has waited").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("outbox worker disabled (magpie.retrieval.indexing.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells the worker that new changes were committed, so it need not wait for its next poll. */
    public void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    /** Why the last attempt failed; null after a success. */
    public String lastError() {
        return lastError;
    }

    private void run() {
        Duration backoff = config.minBackoff();
        boolean unsealed = false;
        while (running) {
            try {
                List<OutboxEntry> batch = eventLoop.await(() -> outbox.oldest(config.batchSize()),
                        config.callTimeout());
                if (batch.isEmpty()) {
                    if (unsealed) {
                        delivery.seal();
                        unsealed = false;
                    }
                    refreshBacklog();
                    lastError = null;
                    await(config.pollInterval());
                    continue;
                }
                delivery.deliver(batch.stream().map(OutboxEntry::productId).toList());
                eventLoop.await(() -> outbox.complete(batch), config.callTimeout());
                delivered.increment(batch.size());
                unsealed = true;
                lastError = null;
                backoff = config.minBackoff();
                refreshBacklog();
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failures.increment();
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf("outbox delivery failed, retrying in %d ms: %s", backoff.toMillis(), lastError);
                LOG.debug("outbox delivery failure", e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void refreshBacklog() {
        OutboxRepository.Backlog backlog = eventLoop.await(outbox::backlog, config.callTimeout());
        pending.set(backlog.pending());
        oldestAgeMillis.set(backlog.oldestAge().toMillis());
    }

    private void await(Duration timeout) {
        synchronized (wakeUp) {
            try {
                if (!woken) {
                    wakeUp.wait(timeout.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
