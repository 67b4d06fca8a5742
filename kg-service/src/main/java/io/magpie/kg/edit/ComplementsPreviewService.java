package io.magpie.kg.edit;

import io.magpie.api.graph.admin.ComplementsPreview;
import io.magpie.api.graph.admin.ComplementsPreviewRequest;
import io.magpie.api.graph.admin.RelatedProducts;
import io.magpie.api.problem.FieldErrors;
import io.magpie.kg.related.RelatedProductsService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neo4j.driver.async.AsyncQueryRunner;

/**
 * What a pending relation would do to chosen products' complements. The relation is written inside a Neo4j
 * transaction, with the checks of a real creation, between two reads of the complements; the transaction is then
 * rolled back, never committed, so nothing a shopper reads changes and nothing is audited.
 */
@ApplicationScoped
public class ComplementsPreviewService {

    /** Products one preview may compare: each costs two complements reads. */
    public static final int MAX_PRODUCTS = 20;

    public static final int MAX_K = 100;

    private final GraphEditStore store;
    private final EditTransactions transactions;
    private final RelatedProductsService related;

    public ComplementsPreviewService(
            GraphEditStore store, EditTransactions transactions, RelatedProductsService related) {
        this.store = store;
        this.transactions = transactions;
        this.related = related;
    }

    public Uni<ComplementsPreview> preview(ComplementsPreviewRequest request, String actor) {
        FieldErrors problems = new FieldErrors();
        PendingRelation pending = PendingRelation.of(request == null ? null : request.relation(), problems);
        List<String> productIds = request.productIds() == null ? List.of() : request.productIds();
        if (productIds.isEmpty() || productIds.size() > MAX_PRODUCTS) {
            problems.add("productIds", "name 1 to " + MAX_PRODUCTS + " products to compare");
        } else if (productIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            problems.add("productIds", "holds a blank id");
        }
        int k = request.k() == null ? 10 : request.k();
        if (k < 1 || k > MAX_K) {
            problems.add("k", "must be between 1 and " + MAX_K);
        }
        problems.throwIfAny();
        List<String> distinct = productIds.stream().distinct().toList();
        return transactions
                .run(
                        tx -> complements(tx, distinct, k)
                                .chain(before -> pending.write(tx, store)
                                        .chain(() -> complements(tx, distinct, k))
                                        .map(after -> compare(pending.ref(), distinct, before, after)))
                                .map(preview -> new EditTransactions.Plan<>(preview, List.<Change>of(), false)),
                        actor,
                        null)
                .map(EditTransactions.Outcome::value);
    }

    private Uni<Map<String, RelatedProducts>> complements(AsyncQueryRunner tx, List<String> ids, int k) {
        // one statement at a time: a transaction runs its queries in sequence
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id -> related.complements(tx, id, k))
                .collect()
                .asMap(RelatedProducts::productId);
    }

    private static ComplementsPreview compare(
            RelationRef ref,
            List<String> ids,
            Map<String, RelatedProducts> before,
            Map<String, RelatedProducts> after) {
        List<ComplementsPreview.ProductComparison> products = new ArrayList<>();
        for (String id : ids) {
            products.add(new ComplementsPreview.ProductComparison(
                    id, before.get(id), after.get(id), moves(before.get(id), after.get(id))));
        }
        return new ComplementsPreview(ref.toString(), products);
    }

    static List<ComplementsPreview.Move> moves(RelatedProducts before, RelatedProducts after) {
        Map<String, Integer> rankBefore = ranks(before);
        Map<String, Integer> rankAfter = ranks(after);
        Map<String, RelatedProducts.Item> itemBefore = new HashMap<>();
        before.items().forEach(item -> itemBefore.put(item.id(), item));
        List<ComplementsPreview.Move> moves = new ArrayList<>();
        for (RelatedProducts.Item item : after.items()) {
            RelatedProducts.Item old = itemBefore.get(item.id());
            List<String> added = item.paths().stream()
                    .filter(path -> old == null || !old.paths().contains(path))
                    .toList();
            if (!Objects.equals(rankBefore.get(item.id()), rankAfter.get(item.id())) || !added.isEmpty()) {
                moves.add(new ComplementsPreview.Move(
                        item.id(), item.title(), rankBefore.get(item.id()), rankAfter.get(item.id()), added));
            }
        }
        for (RelatedProducts.Item item : before.items()) {
            if (!rankAfter.containsKey(item.id())) {
                moves.add(new ComplementsPreview.Move(
                        item.id(), item.title(), rankBefore.get(item.id()), null, List.of()));
            }
        }
        moves.sort(Comparator.comparing(
                ComplementsPreview.Move::rankAfter, Comparator.nullsLast(Comparator.naturalOrder())));
        return moves;
    }

    private static Map<String, Integer> ranks(RelatedProducts products) {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < products.items().size(); i++) {
            ranks.put(products.items().get(i).id(), i + 1);
        }
        return ranks;
    }
}
