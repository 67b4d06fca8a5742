package io.magpie.retrieval.indexing;

import io.magpie.api.metrics.OwnedGauges;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.EventLoopRunner;
import io.magpie.retrieval.store.OutboxEntry;
import io.magpie.retrieval.store.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Drains the outbox: takes the longest-waiting changes in batches, delivers them (Milvus and the graph, see
 * {@link IndexDelivery}) and removes them. A batch that fails is delivered product by product, and a product that
 * keeps failing becomes a dead letter after max-attempts (docs/adr/0014). When a dependency is down the batch stays
 * and is retried with exponential backoff; search keeps reading what Milvus already holds. It seals what it wrote once
 * the outbox is empty, and during a long burst every seal-every products ({@link SealSchedule}). One thread; ingest
 * wakes it after each commit.
 *
 * <p>Every replica runs one: each claims its batch ({@link OutboxRepository#claim}, {@code FOR UPDATE SKIP LOCKED}
 * and a lease of {@code claim-lease}, renewed every third of it while the batch is delivered), so no two workers
 * deliver the same row at once, and a replica that dies (or restarts) leaves its rows to the others, or to itself,
 * once the lease runs out.
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
    private final Counter deadLettered;
    private final OwnedGauges gauges;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Object wakeUp = new Object();
    private final SealSchedule seals;
    /** Names this worker's claims: the pod (HOSTNAME) and a per-start suffix. */
    private final String workerId = System.getenv().getOrDefault("HOSTNAME", "worker") + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    /** The products of the batch being delivered, whose claims the lease renewer keeps alive. */
    private volatile List<String> inFlight = List.of();

    private ScheduledExecutorService leaseRenewer;
    private volatile boolean running;
    private volatile String lastError;
    private boolean woken;
    private Thread thread;

    public OutboxWorker(
            OutboxRepository outbox,
            IndexDelivery delivery,
            EventLoopRunner eventLoop,
            RetrievalConfig config,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.eventLoop = eventLoop;
        this.config = config.indexing();
        this.seals = new SealSchedule(this.config.sealEvery());
        this.delivered = Counter.builder("magpie.outbox.delivered")
                .description("Catalogue changes delivered to Milvus and the graph")
                .register(registry);
        this.failures = Counter.builder("magpie.outbox.failures")
                .description("Outbox batches that failed and wait for a retry")
                .register(registry);
        this.deadLettered = Counter.builder("magpie.outbox.dead.letters")
                .description("Catalogue changes given up after their delivery attempts ran out")
                .register(registry);
        this.gauges = new OwnedGauges(registry);
        gauges.register(Gauge.builder("magpie.outbox.pending", pending, AtomicLong::get)
                .description("Catalogue changes not yet in Milvus and the graph"));
        gauges.register(Gauge.builder("magpie.outbox.oldest.age.seconds", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("How long the oldest undelivered change has waited"));
    }

    /** The gauges go with this bean: the registry can outlive it (see {@link OwnedGauges}). */
    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("outbox worker disabled (magpie.retrieval.indexing.enabled=false)");
            return;
        }
        start();
    }

    /** Starts draining on a thread of its own, and renewing its claims every third of the lease on another. */
    void start() {
        running = true;
        leaseRenewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread renewer = new Thread(runnable, "outbox-lease");
            renewer.setDaemon(true);
            return renewer;
        });
        long period = Math.max(1, config.claimLease().toMillis() / 3);
        leaseRenewer.scheduleWithFixedDelay(this::renewClaims, period, period, TimeUnit.MILLISECONDS);
        thread = new Thread(this::run, "outbox-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops draining; the current delivery gets up to 10 s to finish, its claims otherwise lapse with the lease. */
    void stop() {
        running = false;
        if (leaseRenewer != null) {
            leaseRenewer.shutdownNow();
        }
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
        while (running) {
            List<OutboxEntry> batch = List.of();
            try {
                batch = eventLoop.await(
                        () -> outbox.claim(workerId, config.batchSize(), config.claimLease()), config.callTimeout());
                inFlight = batch.stream().map(OutboxEntry::productId).toList();
                if (batch.isEmpty()) {
                    if (seals.dueAtRest()) {
                        delivery.seal();
                        seals.sealed();
                    }
                    refreshBacklog();
                    lastError = null;
                    await(config.pollInterval());
                    continue;
                }
                try {
                    delivery.deliver(batch.stream().map(OutboxEntry::productId).toList());
                    complete(batch);
                    lastError = null;
                } catch (RuntimeException batchFailure) {
                    if (!running) {
                        break;
                    }
                    LOG.debug("outbox batch failed; delivering its products one by one", batchFailure);
                    deliverOneByOne(batch);
                }
                inFlight = List.of();
                seals.wrote(batch.size());
                if (seals.dueDuringBurst()) {
                    delivery.seal();
                    seals.sealed();
                }
                backoff = config.minBackoff();
                refreshBacklog();
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failures.increment();
                inFlight = List.of();
                releaseQuietly(batch);
                if (!(e instanceof DependencyDown)) {
                    lastError = describe(e);
                }
                LOG.warnf("outbox delivery failed, retrying in %d ms: %s", backoff.toMillis(), lastError);
                LOG.debug("outbox delivery failure", e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0
                        ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Isolates the products that fail: each is delivered alone. A failure counts against the product when a
     * dependency refused it (a 4xx) or when others of the batch went through; after max-attempts it becomes a dead
     * letter, so one undeliverable product no longer holds up the queue. When every product fails for no reason
     * of its own, a dependency is down: nothing is counted and the caller backs off.
     */
    private void deliverOneByOne(List<OutboxEntry> batch) {
        List<OutboxEntry> delivered = new ArrayList<>();
        List<OutboxEntry> failed = new ArrayList<>();
        List<RuntimeException> causes = new ArrayList<>();
        for (OutboxEntry entry : batch) {
            if (!running) {
                return;
            }
            try {
                delivery.deliver(List.of(entry.productId()));
                delivered.add(entry);
            } catch (RuntimeException e) {
                failed.add(entry);
                causes.add(e);
            }
        }
        complete(delivered);
        if (failed.isEmpty()) {
            lastError = null;
            return;
        }
        releaseQuietly(failed);
        lastError = "product '" + failed.get(0).productId() + "': " + describe(causes.get(0))
                + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more products failed)" : "");
        boolean othersWentThrough = !delivered.isEmpty();
        boolean anyCounted = false;
        for (int i = 0; i < failed.size(); i++) {
            OutboxEntry entry = failed.get(i);
            RuntimeException cause = causes.get(i);
            if (othersWentThrough || DeliveryFailures.refusedByDependency(cause)) {
                anyCounted = true;
                String error = describe(cause);
                boolean dead = eventLoop.await(
                        () -> outbox.recordFailure(entry, error, config.maxAttempts()), config.callTimeout());
                if (dead) {
                    deadLettered.increment();
                    LOG.errorf(
                            "outbox: product '%s' (version %d) is a dead letter after %d attempts: %s",
                            entry.productId(), entry.version(), config.maxAttempts(), error);
                }
            }
        }
        if (!anyCounted) {
            throw new DependencyDown(lastError, causes.get(0));
        }
    }

    private void complete(List<OutboxEntry> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        eventLoop.await(() -> outbox.complete(workerId, delivered), config.callTimeout());
        this.delivered.increment(delivered.size());
    }

    /** Keeps the claims of the batch being delivered alive; a worker that died stops renewing them. */
    private void renewClaims() {
        List<String> ids = inFlight;
        if (ids.isEmpty()) {
            return;
        }
        try {
            eventLoop.await(() -> outbox.renew(workerId, ids, config.claimLease()), config.callTimeout());
        } catch (RuntimeException e) {
            LOG.debugf(e, "outbox: could not renew the claims of %d changes", ids.size());
        }
    }

    /** Gives the claims back for any worker to retry; if PostgreSQL is down too, the lease runs out instead. */
    private void releaseQuietly(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            eventLoop.await(
                    () -> outbox.release(
                            workerId,
                            entries.stream().map(OutboxEntry::productId).toList()),
                    config.callTimeout());
        } catch (RuntimeException e) {
            LOG.debugf(e, "outbox: could not release %d claims; their lease will expire", entries.size());
        }
    }

    /** The name this worker claims rows under. */
    public String workerId() {
        return workerId;
    }

    /** Every product of a batch failed for no reason of its own; {@link #lastError} already says why. */
    private static final class DependencyDown extends RuntimeException {
        DependencyDown(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
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
