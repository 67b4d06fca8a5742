package io.magpie.gateway.store;

import io.magpie.api.keys.ApiKeyScope;
import io.magpie.gateway.model.StoredApiKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The API keys in the gateway's own schema {@code gateway} (docs/adr/0022): one row per key, hashes only. Every
 * access first waits for {@link ApiKeySchema} (migrated on first use).
 */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS =
            "id, name, scope, secret_hash, previous_hash, previous_valid_until, created_at, rotated_at, revoked_at, "
                    + "last_used_at";

    private final Pool pool;
    private final ApiKeySchema schema;

    public ApiKeyStore(Pool pool, ApiKeySchema schema) {
        this.pool = pool;
        this.schema = schema;
    }

    public Uni<StoredApiKey> insert(String id, String name, ApiKeyScope scope, byte[] secretHash, Instant now) {
        return one(
                        "INSERT INTO gateway.api_key (id, name, scope, secret_hash, created_at) VALUES ($1, $2, $3, $4, "
                                + "$5) RETURNING " + COLUMNS,
                        Tuple.of(id, name, scope.name().toLowerCase(Locale.ROOT), bytes(secretHash), time(now)))
                .map(Optional::orElseThrow);
    }

    public Uni<Optional<StoredApiKey>> find(String id) {
        return one("SELECT " + COLUMNS + " FROM gateway.api_key WHERE id = $1", Tuple.of(id));
    }

    /** Every key, revoked ones too, oldest first. */
    public Uni<List<StoredApiKey>> list() {
        return schema.ready()
                .chain(() -> pool.preparedQuery("SELECT " + COLUMNS + " FROM gateway.api_key ORDER BY created_at, id")
                        .execute())
                .map(ApiKeyStore::keys);
    }

    /**
     * Replaces the secret of a key that is not revoked; the old one stays valid until {@code previousValidUntil}
     * (null: not at all). Empty when there is no such key or it is revoked.
     */
    public Uni<Optional<StoredApiKey>> rotate(String id, byte[] secretHash, Instant previousValidUntil, Instant now) {
        return one(
                "UPDATE gateway.api_key SET previous_hash = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE "
                        + "secret_hash END, previous_valid_until = $3, secret_hash = $2, rotated_at = $4 "
                        + "WHERE id = $1 AND revoked_at IS NULL RETURNING " + COLUMNS,
                Tuple.of(id, bytes(secretHash), time(previousValidUntil), time(now)));
    }

    /** Revokes a key (a revoked one keeps its first revocation time); empty when there is no such key. */
    public Uni<Optional<StoredApiKey>> revoke(String id, Instant now) {
        return one(
                "UPDATE gateway.api_key SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING " + COLUMNS,
                Tuple.of(id, time(now)));
    }

    public Uni<Void> recordUse(String id, Instant now) {
        return schema.ready()
                .chain(() -> pool.preparedQuery(
                                "UPDATE gateway.api_key SET last_used_at = greatest(last_used_at, $2) WHERE id = $1")
                        .execute(Tuple.of(id, time(now))))
                .replaceWithVoid();
    }

    private Uni<Optional<StoredApiKey>> one(String sql, Tuple arguments) {
        return schema.ready()
                .chain(() -> pool.preparedQuery(sql).execute(arguments))
                .map(rows -> keys(rows).stream().findFirst());
    }

    private static List<StoredApiKey> keys(RowSet<Row> rows) {
        List<StoredApiKey> keys = new ArrayList<>();
        for (Row row : rows) {
            keys.add(new StoredApiKey(
                    row.getString("id"),
                    row.getString("name"),
                    ApiKeyScope.valueOf(row.getString("scope").toUpperCase(Locale.ROOT)),
                    row.getBuffer("secret_hash").getBytes(),
                    row.getBuffer("previous_hash") == null
                            ? null
                            : row.getBuffer("previous_hash").getBytes(),
                    instant(row, "previous_valid_until"),
                    instant(row, "created_at"),
                    instant(row, "rotated_at"),
                    instant(row, "revoked_at"),
                    instant(row, "last_used_at")));
        }
        return keys;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    private static Buffer bytes(byte[] bytes) {
        return Buffer.buffer(bytes);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
