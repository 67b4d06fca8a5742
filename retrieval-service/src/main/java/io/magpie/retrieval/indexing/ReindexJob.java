package io.magpie.retrieval.indexing;

import io.magpie.api.catalog.ReindexStatus;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.EventLoopRunner;
import io.magpie.retrieval.store.ProductRepository;
import io.magpie.retrieval.store.ProductTextCollection;
import io.magpie.retrieval.store.ReindexStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Rebuilds Milvus and the graph from the catalogue: creates the next versioned collection ({@code product_text_v2}
 * after {@code product_text_v1}), copies every live product into it page by page (encoding them again) and
 * re-delivers each to the graph, while search keeps reading the old collection through the alias; then points the
 * alias at the new collection and drops the old one. Changes committed meanwhile reach the new collection through
 * the outbox worker's double writes (see {@link IndexDelivery}). Runs on its own thread.
 *
 * <p>One at a time cluster-wide: the state (phase, target collection, progress, the replica running it and its
 * heartbeat) lives in PostgreSQL ({@link ReindexStateRepository}); a replica starts one only when no live one runs,
 * every replica reports its progress, and every replica's deliveries double-write to its collection.
 */
@ApplicationScoped
public class ReindexJob {

    private static final Logger LOG = Logger.getLogger(ReindexJob.class);
    private static final Pattern VERSIONED = Pattern.compile("(.*)_v(\\d+)");

    private final ProductTextCollection collection;
    private final IndexDelivery delivery;
    private final ProductRepository products;
    private final EventLoopRunner eventLoop;
    private final ReindexStateRepository state;
    private final int pageSize;
    private final Duration timeout;
    private final Duration staleAfter;
    /** Names this replica in the shared state: the pod (HOSTNAME) and a per-start suffix. */
    private final String owner = System.getenv().getOrDefault("HOSTNAME", "replica") + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ReindexStatus status = ReindexStatus.IDLE;

    public ReindexJob(
            ProductTextCollection collection,
            IndexDelivery delivery,
            ProductRepository products,
            EventLoopRunner eventLoop,
            ReindexStateRepository state,
            RetrievalConfig config) {
        this.collection = collection;
        this.delivery = delivery;
        this.products = products;
        this.eventLoop = eventLoop;
        this.state = state;
        this.pageSize = config.reindex().pageSize();
        this.timeout = config.indexing().callTimeout();
        this.staleAfter = config.reindex().staleAfter();
    }

    /** The reindex this replica runs or ran last (IDLE if none). */
    public ReindexStatus status() {
        return status;
    }

    /** The current or last reindex of the cluster, whichever replica runs it. Event loop. */
    public Uni<ReindexStatus> sharedStatus() {
        return state.current();
    }

    /** Starts a reindex in the background; a 409 problem while another runs, here or in another replica. */
    public ReindexStatus start() {
        if (!running.compareAndSet(false, true)) {
            throw alreadyRunning(status);
        }
        Instant started = Instant.now();
        ReindexStatus first = new ReindexStatus("CREATING", null, 0, 0, 0, started, null, null);
        ReindexStateRepository.Taken taken;
        try {
            taken = eventLoop.await(() -> state.tryStart(owner, first, staleAfter), timeout);
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        if (!taken.taken()) {
            running.set(false);
            throw alreadyRunning(taken.status());
        }
        status = first;
        // which replica runs it, in its own log: the shared state names an owner, not a process
        LOG.infof("reindex started by this replica (%s)", owner);
        Thread thread = new Thread(() -> run(started), "reindex");
        thread.setDaemon(true);
        thread.start();
        return status;
    }

    private static ProblemException alreadyRunning(ReindexStatus running) {
        return new ProblemException(
                409,
                "Reindex running",
                "a reindex is already running (" + running.phase() + ", " + running.done() + " of " + running.total()
                        + " products); follow it at GET /v1/reindex");
    }

    /** This replica's progress, here and in the shared state (which is also its heartbeat). */
    private void publish(ReindexStatus next) {
        status = next;
        try {
            eventLoop.await(() -> state.record(owner, next), timeout);
        } catch (RuntimeException e) {
            LOG.warnf("reindex: could not record progress in PostgreSQL: %s", e.getMessage());
        }
    }

    private void run(Instant started) {
        String next = null;
        try {
            // not ensureReady(): a collection that predates the current schema is refused there, and a reindex
            // is how it gets replaced
            String old = collection.aliasTarget().orElse(null);
            if (old == null) {
                collection.ensureReady();
                old = collection
                        .aliasTarget()
                        .orElseThrow(
                                () -> new IllegalStateException("alias " + collection.alias() + " points nowhere"));
            }
            next = nextName(old);
            if (collection.exists(next)) {
                collection.drop(next); // a leftover of a reindex that did not finish
            }
            collection.create(next);
            long total = eventLoop.await(products::countLive, timeout);
            // shared first: from here on every replica's deliveries write to the new collection too
            publish(new ReindexStatus("COPYING", next, 0, total, 0, started, null, null));
            delivery.startReindex(next);
            long done = 0;
            String after = null;
            Optional<IndexDelivery.CopiedPage> page;
            while ((page = delivery.copyPage(after, pageSize)).isPresent()) {
                after = page.get().lastId();
                done += page.get().count();
                // products added meanwhile make the total grow
                publish(new ReindexStatus(
                        "COPYING", next, done, Math.max(total, done), done / seconds(started), started, null, null));
            }
            total = Math.max(total, done);
            publish(new ReindexStatus("SWAPPING", next, done, total, done / seconds(started), started, null, null));
            delivery.finishReindex();
            collection.drop(old);
            publish(new ReindexStatus(
                    "DONE", next, done, total, done / seconds(started), started, Instant.now(), null));
            LOG.infof("reindex into %s done: %d products in %.1f s; dropped %s", next, done, seconds(started), old);
        } catch (RuntimeException e) {
            delivery.abandonReindex();
            LOG.errorf(e, "reindex into %s failed", next);
            ReindexStatus at = status;
            publish(new ReindexStatus(
                    "FAILED",
                    next,
                    at.done(),
                    at.total(),
                    at.ratePerSecond(),
                    started,
                    Instant.now(),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            running.set(false);
        }
    }

    /** {@code product_text_v1} -> {@code product_text_v2}; a name without a version gets {@code _v2}. */
    static String nextName(String current) {
        Matcher versioned = VERSIONED.matcher(current);
        if (versioned.matches()) {
            return versioned.group(1) + "_v" + (Long.parseLong(versioned.group(2)) + 1);
        }
        return current + "_v2";
    }

    private static double seconds(Instant since) {
        return Math.max(1e-3, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
