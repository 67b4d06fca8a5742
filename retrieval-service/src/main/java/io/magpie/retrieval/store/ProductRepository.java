package io.magpie.retrieval.store;

import io.magpie.api.catalog.Product;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue table: bulk upserts and deletes that record their changes in the outbox in the same transaction,
 * and lookups by id. Must be called on a Vert.x event-loop context.
 */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, String> {

    /** What a delete did: how many live products it removed and which ids were unknown (or already deleted). */
    public record Deletion(long deleted, List<String> unknown) {}

    private final OutboxRepository outbox;

    public ProductRepository(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /**
     * Inserts the new products and updates the changed ones, and queues each of them in the outbox, in one
     * transaction: one select for the batch, then batched inserts and updates at flush. Ids must be distinct.
     *
     * @return how many products were new or changed
     */
    @WithTransaction
    public Uni<Integer> upsert(Collection<Product> products) {
        Map<String, Product> byId = products.stream()
                .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        Instant now = Instant.now();
        return list("id in ?1", List.copyOf(byId.keySet())).chain(existing -> {
            List<ProductEntity> changed = new ArrayList<>(byId.size());
            for (ProductEntity entity : existing) {
                if (entity.updateFrom(byId.remove(entity.id()), now)) {
                    changed.add(entity);
                }
            }
            List<ProductEntity> fresh = new ArrayList<>(byId.size());
            byId.values().forEach(p -> fresh.add(ProductEntity.create(p, now)));
            // Panache's persist refuses an empty list; the flush bumps the versions the outbox records
            Uni<Void> written = fresh.isEmpty() ? flush() : persist(fresh).chain(this::flush);
            return written.chain(() -> {
                changed.addAll(fresh);
                return outbox.enqueue(changes(changed), now).chain(this::flush).replaceWith(changed.size());
            });
        });
    }

    /** Turns the live ones of these products into tombstones and queues their deletion, in one transaction. */
    @WithTransaction
    public Uni<Deletion> delete(Collection<String> ids) {
        Set<String> asked = new LinkedHashSet<>(ids);
        Instant now = Instant.now();
        return list("id in ?1", List.copyOf(asked)).chain(found -> {
            List<ProductEntity> removed = new ArrayList<>();
            for (ProductEntity entity : found) {
                if (entity.delete(now)) {
                    removed.add(entity);
                    asked.remove(entity.id());
                }
            }
            return flush().chain(() -> outbox.enqueue(changes(removed), now))
                    .chain(this::flush)
                    .replaceWith(new Deletion(removed.size(), List.copyOf(asked)));
        });
    }

    private static List<OutboxRepository.Change> changes(List<ProductEntity> entities) {
        return entities.stream()
                .map(e -> new OutboxRepository.Change(
                        e.id(), e.version(), e.deleted() ? OutboxEntry.Operation.DELETE : OutboxEntry.Operation.UPSERT))
                .toList();
    }

    /** The live products with these ids, in the order asked, unknown and deleted ids left out, one query. */
    @WithSession
    public Uni<List<Product>> findInOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1 and deleted = false", ids).map(found -> {
            Map<String, Product> byId =
                    found.stream().collect(Collectors.toMap(ProductEntity::id, ProductEntity::toProduct));
            return ids.stream().distinct().map(byId::get).filter(p -> p != null).toList();
        });
    }

    /** The rows with these ids, tombstones included: what the indexes must now hold for each. */
    @WithSession
    public Uni<List<ProductEntity>> current(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", List.copyOf(ids));
    }

    /** A page of live products in id order, after {@code afterId} (null: from the start); for a full rebuild. */
    @WithSession
    public Uni<List<Product>> pageAfter(String afterId, int size) {
        var query = afterId == null
                ? find("deleted = false order by id")
                : find("id > ?1 and deleted = false order by id", afterId);
        return query.page(0, size)
                .list()
                .map(page -> page.stream().map(ProductEntity::toProduct).toList());
    }

    /** How many live products the catalogue holds. */
    @WithSession
    public Uni<Long> countLive() {
        return count("deleted = false");
    }
}
