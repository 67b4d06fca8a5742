package io.magpie.fusion.store;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.retrieval.Candidate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decayed popularity per product in {@code fusion.product_popularity}, recomputed whole from the events of a
 * window in one transaction (readers see the previous snapshot until it commits), with its time in
 * {@code fusion.popularity_state}. Products the catalogue said it does not know are left out.
 */
@ApplicationScoped
public class PopularityStore {

    /** Taken (without waiting) by the replica that recomputes; the others skip that turn. */
    private static final long REFRESH_LOCK = 0x6D61677069650002L;

    /** A product's score: sum over its events of the type's weight x 0.5^(age / half-life). */
    private static final String RECOMPUTE = """
            INSERT INTO fusion.product_popularity (product_id, category, score)
            SELECT product_id, max(category),
                   sum(CASE type WHEN 'view' THEN $3::float8 WHEN 'click' THEN $4::float8
                                 WHEN 'add_to_cart' THEN $5::float8 ELSE $6::float8 END
                       * power(0.5, extract(epoch FROM ($1::timestamptz - occurred_at))::float8 / $2::float8))
            FROM fusion.event
            WHERE occurred_at > $1::timestamptz - make_interval(secs => $7::float8) AND product_known IS NOT FALSE
            GROUP BY product_id""";

    private final Pool pool;

    public PopularityStore(Pool pool) {
        this.pool = pool;
    }

    /** The decay weights, in the order the recomputation takes them. */
    public record Weights(double view, double click, double addToCart, double purchase) {}

    /**
     * Recomputes popularity as of {@code now}, unless another replica is at it; answers whether this one did.
     */
    public Uni<Boolean> recompute(OffsetDateTime now, Duration halfLife, Duration window, Weights weights) {
        return pool.withTransaction(connection -> connection
                .query("SELECT pg_try_advisory_xact_lock(" + REFRESH_LOCK + ")")
                .execute()
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? replace(connection, now, halfLife, window, weights).replaceWith(true)
                        : Uni.createFrom().item(false)));
    }

    private static Uni<Void> replace(
            SqlConnection connection, OffsetDateTime now, Duration halfLife, Duration window, Weights weights) {
        Tuple parameters = Tuple.from(List.of(
                now,
                (double) halfLife.toSeconds(),
                weights.view(),
                weights.click(),
                weights.addToCart(),
                weights.purchase(),
                (double) window.toSeconds()));
        return connection
                .query("DELETE FROM fusion.product_popularity")
                .execute()
                .chain(() -> connection.preparedQuery(RECOMPUTE).execute(parameters))
                .chain(inserted -> connection.preparedQuery("""
                                INSERT INTO fusion.popularity_state (id, computed_at, products) VALUES (1, $1, $2)
                                ON CONFLICT (id) DO UPDATE SET computed_at = excluded.computed_at,
                                                               products = excluded.products""").execute(Tuple.of(now, inserted.rowCount())))
                .replaceWithVoid();
    }

    /** When the current snapshot was computed, if ever (by any replica). */
    public Uni<Optional<OffsetDateTime>> computedAt() {
        return pool.query("SELECT computed_at FROM fusion.popularity_state WHERE id = 1")
                .execute()
                .map(rows -> rows.size() == 0
                        ? Optional.<OffsetDateTime>empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime(0)));
    }

    /**
     * The most popular products, best first; within {@code category} (a path prefix: the category itself and those
     * below it) when one is given.
     */
    public Uni<List<Candidate>> top(String category, int size) {
        String prefix = category == null ? null : category + CategoryPath.SEPARATOR;
        return pool.preparedQuery("""
                        SELECT product_id, score FROM fusion.product_popularity
                        WHERE $1::text IS NULL OR category = $1 OR starts_with(category, $2)
                        ORDER BY score DESC, product_id LIMIT $3""").execute(Tuple.of(category, prefix, size)).map(rows -> {
            List<Candidate> candidates = new ArrayList<>();
            for (Row row : rows) {
                candidates.add(new Candidate(
                        row.getString(0), row.getDouble(1), category == null ? "popular" : "popular in " + category));
            }
            return candidates;
        });
    }
}
