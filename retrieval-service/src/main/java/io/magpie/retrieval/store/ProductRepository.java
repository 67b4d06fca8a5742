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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue table: bulk upserts and lookups by id. Must be called on a Vert.x event-loop context. */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, String> {

    /**
     * Inserts the new products and updates the changed ones, in one transaction: one select for the batch, then
     * batched inserts and updates at flush. Ids must be distinct.
     *
     * @return the products that the indexes lack (new, changed, or never synced since their last change), with
     *         their committed versions; products that the indexes already hold are left out
     */
    @WithTransaction
    public Uni<List<StoredProduct>> upsert(Collection<Product> products) {
        Map<String, Product> byId = products.stream()
                .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        Instant now = Instant.now();
        return list("id in ?1", List.copyOf(byId.keySet())).chain(existing -> {
            List<ProductEntity> toSync = new ArrayList<>(byId.size());
            for (ProductEntity entity : existing) {
                boolean changed = entity.updateFrom(byId.remove(entity.id()), now);
                if (changed || entity.needsSync()) {
                    toSync.add(entity);
                }
            }
            List<ProductEntity> fresh = new ArrayList<>(byId.size());
            byId.values().forEach(p -> fresh.add(ProductEntity.create(p, now)));
            toSync.addAll(fresh);
            // Panache's persist refuses an empty list; the flush assigns the versions that are returned
            Uni<Void> written = fresh.isEmpty() ? flush() : persist(fresh).chain(this::flush);
            return written.map(ignored -> toSync.stream()
                    .map(e -> new StoredProduct(e.toProduct(), e.version()))
                    .toList());
        });
    }

    /**
     * Records that the indexes now hold these versions. A row changed meanwhile keeps lagging, so that its newer
     * content is indexed too.
     */
    @WithTransaction
    public Uni<Void> markSynced(List<StoredProduct> synced) {
        Map<Long, List<String>> idsByVersion = synced.stream().collect(Collectors.groupingBy(
                StoredProduct::version, Collectors.mapping(s -> s.product().id(), Collectors.toList())));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Long, List<String>> entry : idsByVersion.entrySet()) {
            chain = chain.chain(() -> update("syncedVersion = ?1 where version = ?1 and id in ?2", entry.getKey(),
                    entry.getValue()).replaceWithVoid());
        }
        return chain;
    }

    /** The products with these ids, in the order asked, unknown ids left out, one query. */
    @WithSession
    public Uni<List<Product>> findInOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids).map(found -> {
            Map<String, Product> byId = found.stream()
                    .collect(Collectors.toMap(ProductEntity::id, ProductEntity::toProduct));
            return ids.stream().distinct().map(byId::get).filter(p -> p != null).toList();
        });
    }
}
