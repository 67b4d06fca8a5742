package io.magpie.fusion.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's recent events per product, read at request time through the {@code (user_id, occurred_at)} index.
 */
@ApplicationScoped
public class UserProfileStore {

    /** Per product: its latest event, its strongest type, its category and how many events. */
    private static final String RECENT = """
            SELECT product_id, max(occurred_at) AS latest,
                   max(CASE type WHEN 'purchase' THEN 4 WHEN 'add_to_cart' THEN 3 WHEN 'click' THEN 2 ELSE 1 END),
                   max(category), count(*)
            FROM fusion.event
            WHERE user_id = $1 AND occurred_at > $2::timestamptz AND product_known IS NOT FALSE
            GROUP BY product_id
            ORDER BY latest DESC, product_id
            LIMIT $3""";

    /** Event types by strength, as {@link #RECENT} numbers them. */
    public static final List<String> TYPES_BY_STRENGTH = List.of("view", "click", "add_to_cart", "purchase");

    /**
     * One product of a user's recent activity.
     *
     * @param strength 1 view, 2 click, 3 add_to_cart, 4 purchase: the strongest event on it
     */
    public record ProductActivity(
            String productId, OffsetDateTime latest, int strength, String category, long events) {}

    private final Pool pool;

    public UserProfileStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ProductActivity>> recent(String userId, OffsetDateTime since, int products) {
        return pool.preparedQuery(RECENT)
                .execute(Tuple.of(userId, since, products))
                .map(rows -> {
                    List<ProductActivity> activity = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        activity.add(new ProductActivity(
                                row.getString(0),
                                row.getOffsetDateTime(1),
                                row.getInteger(2),
                                row.getString(3),
                                row.getLong(4)));
                    }
                    return activity;
                });
    }
}
