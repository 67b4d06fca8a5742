package io.magpie.retrieval.indexing;

import io.magpie.api.catalog.Product;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.retrieval.client.DocumentEncoder;
import io.magpie.retrieval.client.GraphSync;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.EventLoopRunner;
import io.magpie.retrieval.store.IndexedProduct;
import io.magpie.retrieval.store.ProductEntity;
import io.magpie.retrieval.store.ProductRepository;
import io.magpie.retrieval.store.ProductTextCollection;
import io.magpie.retrieval.store.ReindexStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings Milvus and the graph in step with the catalogue, for the outbox worker (the products that changed) and
 * the reindex (every product, page by page, into a new collection).
 *
 * <p>Every delivery reads the products' current rows from PostgreSQL and then writes them, whatever the event
 * said; and deliveries run one at a time. So the writes reach Milvus in the order of the reads, each carries a
 * state at least as new as any before it, a stale or repeated event can only re-write the current state, and a
 * change committed after a read has its own outbox row and is delivered next. While a reindex builds a new
 * collection, deliveries write to it as well as to the collection behind the alias. Blocking; worker threads only.
 *
 * <p>Several replicas deliver at once (each claims its own outbox rows), so a write to Milvus is also conditional on
 * the version: a product is written to a collection only when the state read is newer than the version that
 * collection holds, and deleted only when its tombstone is newer. An older state read by a slow replica can then not
 * replace a newer one, and a repeated delivery costs no encoding.
 */
@ApplicationScoped
public class IndexDelivery {

    private final ProductRepository products;
    private final DocumentEncoder encoder;
    private final ProductTextCollection collection;
    private final GraphSync graph;
    private final EventLoopRunner eventLoop;
    private final ReindexStateRepository reindexState;
    private final Duration timeout;
    private final Duration reindexStaleAfter;
    private String reindexTarget;

    public IndexDelivery(
            ProductRepository products,
            DocumentEncoder encoder,
            ProductTextCollection collection,
            GraphSync graph,
            EventLoopRunner eventLoop,
            ReindexStateRepository reindexState,
            RetrievalConfig config) {
        this.products = products;
        this.encoder = encoder;
        this.collection = collection;
        this.graph = graph;
        this.eventLoop = eventLoop;
        this.reindexState = reindexState;
        this.timeout = config.indexing().callTimeout();
        this.reindexStaleAfter = config.reindex().staleAfter();
    }

    /** Delivers the current state of these products: upserted where live, deleted where gone. */
    public synchronized void deliver(Collection<String> ids) {
        List<ProductEntity> rows = eventLoop.await(() -> products.current(ids), timeout);
        List<Product> live = new ArrayList<>();
        List<GraphProductDeletion> gone = new ArrayList<>();
        Set<String> unknown = new HashSet<>(ids);
        for (ProductEntity row : rows) {
            unknown.remove(row.id());
            if (row.deleted()) {
                gone.add(new GraphProductDeletion(row.id(), row.version()));
            } else {
                live.add(row.toProduct());
            }
        }
        // no row at all: never stored, or removed by hand; nothing may stay indexed under that id
        unknown.forEach(id -> gone.add(new GraphProductDeletion(id, 0)));
        // the graph first: it is cheap to repeat, and a kg-service outage then costs no encoder work per retry
        graph.upsert(live).await().atMost(timeout);
        graph.delete(gone).await().atMost(timeout);
        collection.ensureReady();
        // read after the products: a reindex not yet shared now copies them later, at least as new as read here
        Optional<String> sharedTarget = eventLoop.await(() -> reindexState.target(reindexStaleAfter), timeout);
        List<String> targets = new ArrayList<>(targets());
        sharedTarget.filter(t -> !targets.contains(t)).ifPresent(targets::add);
        Map<String, Map<String, Long>> held = new HashMap<>();
        for (String target : targets) {
            held.put(target, collection.versions(target, ids));
        }
        List<Product> newer = live.stream()
                .filter(p -> targets.stream().anyMatch(t -> isNewer(p.version(), held.get(t), p.id())))
                .toList();
        List<IndexedProduct> indexed = encode(newer);
        for (String target : targets) {
            Map<String, Long> versions = held.get(target);
            collection.upsert(
                    target,
                    indexed.stream()
                            .filter(p ->
                                    isNewer(p.version(), versions, p.product().id()))
                            .toList());
            collection.delete(
                    target,
                    gone.stream()
                            .filter(g -> g.version() == 0 || isNewer(g.version(), versions, g.id()))
                            .map(GraphProductDeletion::id)
                            .toList());
        }
    }

    /** Whether a state of this version should replace what the collection holds for the id (nothing: yes). */
    private static boolean isNewer(Long version, Map<String, Long> held, String id) {
        Long there = held.get(id);
        return there == null || (version == null ? 0 : version) > there;
    }

    /**
     * Copies the next page of live products (in id order, after {@code afterId}) into the reindex target and the
     * graph.
     *
     * @return the page copied, or empty when there are no more products
     */
    public synchronized Optional<CopiedPage> copyPage(String afterId, int size) {
        if (reindexTarget == null) {
            throw new IllegalStateException("no reindex target: call startReindex first");
        }
        List<Product> page = eventLoop.await(() -> products.pageAfter(afterId, size), timeout);
        if (page.isEmpty()) {
            return Optional.empty();
        }
        // a delivery (of this or another replica) may have written a newer state of some of them already
        Map<String, Long> held = collection.versions(
                reindexTarget, page.stream().map(Product::id).toList());
        collection.upsert(
                reindexTarget,
                encode(page.stream()
                        .filter(p -> isNewer(p.version(), held, p.id()))
                        .toList()));
        recopyOverwritten(page);
        graph.upsert(page).await().atMost(timeout);
        return Optional.of(new CopiedPage(page.get(page.size() - 1).id(), page.size()));
    }

    /**
     * Another replica's delivery of a newer state may have landed between this page's version check and its write,
     * and been overwritten by the older state read for the page: compare with PostgreSQL once more and write again
     * what went backwards.
     */
    private void recopyOverwritten(List<Product> page) {
        List<String> ids = page.stream().map(Product::id).toList();
        Map<String, Long> written = collection.versions(reindexTarget, ids);
        List<Product> behind = eventLoop.await(() -> products.current(ids), timeout).stream()
                .filter(row -> !row.deleted() && isNewer(row.version(), written, row.id()))
                .map(ProductEntity::toProduct)
                .toList();
        collection.upsert(reindexTarget, encode(behind));
    }

    /** A page of a reindex: where the next page starts, and how many products it held. */
    public record CopiedPage(String lastId, int count) {}

    /** From now on, every delivery also writes to this (new, empty) collection. */
    public synchronized void startReindex(String target) {
        reindexTarget = target;
    }

    /** Seals the target and points the alias at it, between two deliveries; stops the double writes. */
    public synchronized void finishReindex() {
        collection.flush(reindexTarget);
        collection.pointAlias(reindexTarget);
        reindexTarget = null;
    }

    /** Stops the double writes to a reindex target that will not be used. */
    public synchronized void abandonReindex() {
        reindexTarget = null;
    }

    /** Seals what the deliveries wrote (see {@link ProductTextCollection#flush}). */
    public synchronized void seal() {
        for (String target : targets()) {
            collection.flush(target);
        }
    }

    private List<String> targets() {
        return reindexTarget == null ? List.of(collection.alias()) : List.of(collection.alias(), reindexTarget);
    }

    private List<IndexedProduct> encode(List<Product> live) {
        if (live.isEmpty()) {
            return List.of();
        }
        List<float[]> vectors = encoder.encode(
                        live.stream().map(Product::embeddingText).toList())
                .await()
                .atMost(timeout);
        List<IndexedProduct> indexed = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) {
            indexed.add(new IndexedProduct(live.get(i), vectors.get(i)));
        }
        return indexed;
    }
}
