package io.magpie.retrieval.service;

import io.magpie.api.catalog.DeleteResult;
import io.magpie.api.catalog.IndexingStatus;
import io.magpie.api.catalog.Product;
import io.magpie.api.catalog.ProductRules;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.indexing.OutboxWorker;
import io.magpie.retrieval.indexing.ReindexJob;
import io.magpie.retrieval.store.OutboxRepository;
import io.magpie.retrieval.store.ProductRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The catalogue's lookups and deletes, and how far the indexes lag behind it. */
@ApplicationScoped
public class ProductCatalog {

    private final ProductRepository repository;
    private final OutboxRepository outbox;
    private final OutboxWorker worker;
    private final ReindexJob reindex;
    private final int maxIds;
    private final int maxDeletes;
    private final ProductIdCheck idCheck;

    public ProductCatalog(
            ProductRepository repository,
            OutboxRepository outbox,
            OutboxWorker worker,
            ReindexJob reindex,
            ProductIdCheck idCheck,
            RetrievalConfig config) {
        this.idCheck = idCheck;
        this.repository = repository;
        this.outbox = outbox;
        this.worker = worker;
        this.reindex = reindex;
        this.maxIds = config.catalog().maxIdsPerGet();
        this.maxDeletes = config.catalog().maxIdsPerDelete();
    }

    /** The products in the order asked, each once, unknown and deleted ids left out. */
    public Uni<List<Product>> byIds(List<String> ids) {
        if (ids.size() > maxIds) {
            throw ProblemException.invalidField("ids", "at most " + maxIds + " ids per call, got " + ids.size());
        }
        idCheck.requireValid("ids", ids);
        return repository.findInOrder(ids);
    }

    /**
     * Deletes these products from the catalogue in one transaction and queues their removal from Milvus and the
     * graph; answers once committed.
     */
    public Uni<DeleteResult> delete(List<String> ids) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            errors.add(new Problem.FieldError("ids", "must name at least one product id"));
        } else if (ids.size() > maxDeletes) {
            errors.add(new Problem.FieldError("ids", "at most " + maxDeletes + " ids per call, got " + ids.size()));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                String problem = ProductRules.idProblem(ids.get(i), idCheck.maxIdLength());
                if (problem != null) {
                    errors.add(new Problem.FieldError("ids[" + i + "]", problem));
                }
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom()
                    .failure(new ProblemException(
                            400, "Invalid request", "the ids to delete are invalid; nothing was deleted", errors));
        }
        return repository.delete(ids).chain(deletion -> {
            if (deletion.deleted() > 0) {
                worker.wake();
            }
            return outbox.backlog()
                    .map(backlog -> new DeleteResult(deletion.deleted(), deletion.unknown(), backlog.pending()));
        });
    }

    /** Pending outbox changes, the age of the oldest, the last delivery error and the reindex's progress. */
    public Uni<IndexingStatus> indexing() {
        return outbox.backlog()
                .chain(backlog -> reindex.sharedStatus()
                        .map(reindexStatus -> new IndexingStatus(
                                backlog.pending(),
                                backlog.oldestAge().toMillis() / 1000.0,
                                worker.lastError(),
                                reindexStatus,
                                backlog.deadLetters())));
    }
}
