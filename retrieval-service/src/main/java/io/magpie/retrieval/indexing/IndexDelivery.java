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
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
 */
@ApplicationScoped
public class IndexDelivery {

    private final ProductRepository products;
    private final DocumentEncoder encoder;
    private final ProductTextCollection collection;
    private final GraphSync graph;
    private final EventLoopRunner eventLoop;
    private final Duration timeout;
    private String reindexTarget;

    public IndexDelivery(
            ProductRepository products,
            DocumentEncoder encoder,
            ProductTextCollection collection,
            GraphSync graph,
            EventLoopRunner eventLoop,
            RetrievalConfig config) {
        this.products = products;
        this.encoder = encoder;
        this.collection = collection;
        this.graph = graph;
        this.eventLoop = eventLoop;
        this.timeout = config.indexing().callTimeout();
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
        List<IndexedProduct> indexed = encode(live);
        List<String> goneIds = gone.stream().map(GraphProductDeletion::id).toList();
        for (String target : targets()) {
            collection.upsert(target, indexed);
            collection.delete(target, goneIds);
        }
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
        collection.upsert(reindexTarget, encode(page));
        graph.upsert(page).await().atMost(timeout);
        return Optional.of(new CopiedPage(page.get(page.size() - 1).id(), page.size()));
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
