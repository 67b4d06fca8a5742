package io.magpie.retrieval.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.client.DocumentEncoder;
import io.magpie.retrieval.client.GraphSync;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.IndexedProduct;
import io.magpie.retrieval.store.ProductIndex;
import io.magpie.retrieval.store.ProductRepository;
import io.magpie.retrieval.store.StoredProduct;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes one batch of valid, distinct products everywhere it belongs. PostgreSQL first, as the source of truth: it
 * says which products the indexes lack (new, changed, or left behind by an earlier failure), and only those are
 * encoded, upserted into Milvus and pushed to the graph, after which their rows are marked synced. Re-sending an
 * unchanged catalogue therefore costs one select per batch, and a batch that failed half-way is repaired by
 * sending it again. Blocking: runs on the ingest's worker thread.
 */
@ApplicationScoped
public class ProductBatchWriter {

    private static final Logger LOG = Logger.getLogger(ProductBatchWriter.class);
    private static final String DATABASE = "the catalogue database";

    private final DocumentEncoder encoder;
    private final ProductRepository repository;
    private final ProductIndex index;
    private final GraphSync graph;
    private final EventLoopRunner eventLoop;
    private final Duration timeout;

    public ProductBatchWriter(DocumentEncoder encoder, ProductRepository repository, ProductIndex index,
                              GraphSync graph, EventLoopRunner eventLoop, RetrievalConfig config) {
        this.encoder = encoder;
        this.repository = repository;
        this.index = index;
        this.graph = graph;
        this.eventLoop = eventLoop;
        this.timeout = config.ingest().batchTimeout();
    }

    /** @return how many of the products were (re-)encoded and indexed */
    public int write(List<Product> products) {
        long start = System.nanoTime();
        // one retry: two ingests inserting the same new id race on the primary key, and the loser then updates
        List<StoredProduct> stale = step(DATABASE, () -> eventLoop.await(
                () -> Uni.createFrom().deferred(() -> repository.upsert(products)).onFailure().retry().atMost(1),
                timeout));
        long stored = System.nanoTime();
        if (stale.isEmpty()) {
            LOG.debugf("batch of %d: unchanged, database %d ms", products.size(), millis(start, stored));
            return 0;
        }
        List<Product> changed = stale.stream().map(StoredProduct::product).toList();
        List<float[]> vectors = step("encoder-service", () -> encoder.encode(
                changed.stream().map(Product::embeddingText).toList()).await().atMost(timeout));
        long encoded = System.nanoTime();
        List<IndexedProduct> indexed = new ArrayList<>(changed.size());
        for (int i = 0; i < changed.size(); i++) {
            indexed.add(new IndexedProduct(changed.get(i), vectors.get(i)));
        }
        step("Milvus", () -> {
            index.upsert(indexed);
            return null;
        });
        long indexedAt = System.nanoTime();
        if (graph.enabled()) {
            step("kg-service", () -> graph.push(changed).await().atMost(timeout));
        }
        long pushed = System.nanoTime();
        step(DATABASE, () -> eventLoop.await(() -> repository.markSynced(stale), timeout));
        LOG.debugf("batch of %d, %d to index: database %d ms, encode %d ms, Milvus %d ms, graph %d ms, mark %d ms",
                products.size(), changed.size(), millis(start, stored), millis(stored, encoded),
                millis(encoded, indexedAt), millis(indexedAt, pushed), millis(pushed, System.nanoTime()));
        return changed.size();
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** Runs one step; a failure becomes a 503 that names the dependency, the details stay in the log. */
    private static <T> T step(String dependency, Supplier<T> work) {
        try {
            return work.get();
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "ingest batch failed in %s", dependency);
            throw new ProblemException(503, "Dependency unavailable",
                    "storing products failed in " + dependency + ": " + e.getClass().getSimpleName());
        }
    }
}
