package io.magpie.retrieval.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The outbox of catalogue changes. Must be called on a Vert.x event-loop context. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, String> {

    /** Pending changes: how many, how long the oldest has waited, and how many were given up (dead letters). */
    public record Backlog(long pending, Duration oldestAge, long deadLetters) {
        public static final Backlog EMPTY = new Backlog(0, Duration.ZERO, 0);
    }

    /** A change to record, inside the caller's transaction. */
    public record Change(String productId, long version, OutboxEntry.Operation operation) {}

    /**
     * Records these changes in the current transaction (the caller's): a product that already waits gets its row
     * updated to the newer version; others get a new row. One select and batched writes.
     */
    public Uni<Void> enqueue(Collection<Change> changes, Instant now) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Change> byId =
                changes.stream().collect(Collectors.toMap(Change::productId, Function.identity(), (a, b) -> b));
        return list("productId in ?1", List.copyOf(byId.keySet())).chain(waiting -> {
            for (OutboxEntry entry : waiting) {
                Change change = byId.remove(entry.productId());
                entry.supersede(change.version(), change.operation());
            }
            List<OutboxEntry> fresh = new ArrayList<>(byId.size());
            byId.values().forEach(c -> fresh.add(OutboxEntry.of(c.productId(), c.version(), c.operation(), now)));
            return fresh.isEmpty() ? Uni.createFrom().voidItem() : persist(fresh);
        });
    }

    /**
     * Claims up to {@code limit} of the longest-waiting changes for this worker until now + lease, oldest first.
     * Rows that another worker holds (its claim not yet expired) or is claiming at this moment (row locked:
     * {@code FOR UPDATE SKIP LOCKED}) are passed over, so concurrent workers get disjoint batches without waiting
     * for each other. Dead letters are out of the queue.
     */
    @WithTransaction
    public Uni<List<OutboxEntry>> claim(String worker, int limit, Duration lease) {
        Instant now = Instant.now();
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "select * from catalog.product_outbox where dead_since is null"
                                        + " and (claimed_until is null or claimed_until < :now)"
                                        + " order by enqueued_at, product_id limit :limit for update skip locked",
                                OutboxEntry.class)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList())
                .invoke(rows -> rows.forEach(row -> row.claim(worker, now.plus(lease))));
    }

    /** Extends this worker's claims on these products to now + lease: it is still delivering them. */
    @WithTransaction
    public Uni<Void> renew(String worker, Collection<String> productIds, Duration lease) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return update(
                        "claimedUntil = ?1 where claimedBy = ?2 and productId in ?3",
                        Instant.now().plus(lease),
                        worker,
                        List.copyOf(productIds))
                .replaceWithVoid();
    }

    /** Gives back this worker's claims on these products (a failed delivery), so any worker may take them again. */
    @WithTransaction
    public Uni<Void> release(String worker, Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return update(
                        "claimedBy = null, claimedUntil = null where claimedBy = ?1 and productId in ?2",
                        worker,
                        List.copyOf(productIds))
                .replaceWithVoid();
    }

    /**
     * Records a failed delivery of this change, unless the product changed meanwhile (a newer change gets its own
     * attempts). Answers whether it became a dead letter.
     */
    @WithTransaction
    public Uni<Boolean> recordFailure(OutboxEntry change, String error, int maxAttempts) {
        return findById(change.productId()).map(current -> {
            if (current == null || current.version() != change.version()) {
                return false;
            }
            current.failed(error, maxAttempts, Instant.now());
            return current.deadSince() != null;
        });
    }

    /** The dead letters, longest dead first. */
    @WithSession
    public Uni<List<OutboxEntry>> deadLetters(int limit) {
        return find("deadSince is not null order by deadSince, productId")
                .page(0, limit)
                .list();
    }

    /** Puts a dead letter back into the queue; false when this product has none. */
    @WithTransaction
    public Uni<Boolean> revive(String productId) {
        return findById(productId).map(entry -> {
            if (entry == null || entry.deadSince() == null) {
                return false;
            }
            entry.revive();
            return true;
        });
    }

    /** Drops a dead letter: Milvus and the graph keep what they had; false when this product has none. */
    @WithTransaction
    public Uni<Boolean> discard(String productId) {
        return delete("productId = ?1 and deadSince is not null", productId).map(count -> count > 0);
    }

    /**
     * Removes delivered changes. A row whose product changed again since it was read carries a newer version and
     * stays, so the newer state is delivered too: this worker's claim on it is given back.
     */
    @WithTransaction
    public Uni<Void> complete(String worker, List<OutboxEntry> delivered) {
        Map<Long, List<String>> idsByVersion = delivered.stream()
                .collect(Collectors.groupingBy(
                        OutboxEntry::version, Collectors.mapping(OutboxEntry::productId, Collectors.toList())));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Long, List<String>> entry : idsByVersion.entrySet()) {
            chain = chain.chain(() -> delete("version = ?1 and productId in ?2", entry.getKey(), entry.getValue())
                    .replaceWithVoid());
        }
        List<String> ids = delivered.stream().map(OutboxEntry::productId).toList();
        return chain.chain(() -> update(
                        "claimedBy = null, claimedUntil = null where claimedBy = ?1 and productId in ?2", worker, ids)
                .replaceWithVoid());
    }

    /** How many changes wait, the age of the oldest, and how many are dead letters. */
    @WithSession
    public Uni<Backlog> backlog() {
        return getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(e), min(e.enqueuedAt), "
                                        + "(select count(d) from OutboxEntry d where d.deadSince is not null) "
                                        + "from OutboxEntry e where e.deadSince is null",
                                Object[].class)
                        .getSingleResult())
                .map(row -> {
                    long pending = ((Number) row[0]).longValue();
                    Instant oldest = (Instant) row[1];
                    long dead = ((Number) row[2]).longValue();
                    return new Backlog(
                            pending,
                            pending == 0 || oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now()),
                            dead);
                });
    }
}
