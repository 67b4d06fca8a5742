package io.magpie.retrieval.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.EventLoopRunner;
import io.magpie.retrieval.store.ProductRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Commits one batch of valid, distinct products to the catalogue, with an outbox row for each new or changed one
 * in the same transaction; the outbox worker encodes and indexes them afterwards. An unchanged product costs a
 * select and nothing else. Blocking: runs on the ingest's worker thread.
 */
@ApplicationScoped
public class ProductBatchWriter {

    private static final Logger LOG = Logger.getLogger(ProductBatchWriter.class);

    private final ProductRepository repository;
    private final EventLoopRunner eventLoop;
    private final Duration timeout;

    public ProductBatchWriter(ProductRepository repository, EventLoopRunner eventLoop, RetrievalConfig config) {
        this.repository = repository;
        this.eventLoop = eventLoop;
        this.timeout = config.ingest().batchTimeout();
    }

    /** @return how many of the products were new or changed (and so queued for indexing) */
    public int write(List<Product> products) {
        try {
            // one retry: two ingests writing the same id race on its key or version, and the loser then re-reads
            return eventLoop.await(
                    () -> Uni.createFrom()
                            .deferred(() -> repository.upsert(products))
                            .onFailure()
                            .retry()
                            .atMost(1),
                    timeout);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "storing a batch of %d products failed", products.size());
            // nothing of the batch was committed; a database restart takes seconds, so say when to retry
            throw ProblemException.storeUnavailable(
                    "Dependency unavailable",
                    "storing products failed in the catalogue database: "
                            + e.getClass().getSimpleName());
        }
    }
}
