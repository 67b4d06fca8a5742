package io.magpie.retrieval.service;

import io.magpie.api.catalog.DeadLetter;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.indexing.OutboxWorker;
import io.magpie.retrieval.store.OutboxEntry;
import io.magpie.retrieval.store.OutboxRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The catalogue changes the outbox gave up on: listed for an admin, who retries or discards each. */
@ApplicationScoped
public class DeadLetterQueue {

    /** A page an admin reads; more dead letters than this mean something is wrong as a whole. */
    static final int MAX_LISTED = 1000;

    private final OutboxRepository outbox;
    private final OutboxWorker worker;
    private final ProductIdCheck ids;

    public DeadLetterQueue(OutboxRepository outbox, OutboxWorker worker, ProductIdCheck ids) {
        this.outbox = outbox;
        this.worker = worker;
        this.ids = ids;
    }

    public Uni<List<DeadLetter>> list() {
        return outbox.deadLetters(MAX_LISTED)
                .map(entries -> entries.stream().map(DeadLetterQueue::view).toList());
    }

    /** Back into the queue with fresh attempts; 404 when the product has no dead letter. */
    public Uni<Void> retry(String productId) {
        ids.requireValid("id", productId);
        return outbox.revive(productId).map(found -> {
            if (!found) {
                throw noDeadLetter(productId);
            }
            worker.wake();
            return null;
        });
    }

    /** Forgets the change: Milvus and the graph keep what they had; 404 when the product has no dead letter. */
    public Uni<Void> discard(String productId) {
        ids.requireValid("id", productId);
        return outbox.discard(productId).map(found -> {
            if (!found) {
                throw noDeadLetter(productId);
            }
            return null;
        });
    }

    private static ProblemException noDeadLetter(String productId) {
        return ProblemException.notFound("product '" + productId + "' has no dead letter");
    }

    private static DeadLetter view(OutboxEntry entry) {
        return new DeadLetter(
                entry.productId(),
                entry.version(),
                entry.operation().name(),
                entry.attempts(),
                entry.lastError(),
                entry.deadSince());
    }
}
