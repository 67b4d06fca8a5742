package io.magpie.fusion.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.fusion.FusionModelActivation;
import io.magpie.api.model.ModelRef;
import io.magpie.fusion.config.FusionConfig;
import io.magpie.fusion.features.FeatureSchema;
import io.magpie.fusion.model.ActiveModelPointer;
import io.magpie.fusion.model.ModelActivation;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.model.StoredModelFile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The model registry in PostgreSQL (tables {@code model_version}, {@code model_file} and {@code model_activation} of
 * schema {@code fusion}, made by the service's migrations): versions with their files, and the activation history.
 * Shared by every replica, so all of them serve the version the newest activation names. Blocking: called from
 * worker threads (training, activation, and a fuse request re-checking the active version).
 */
@ApplicationScoped
public class ModelStore {

    private static final Logger LOG = Logger.getLogger(ModelStore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DESCRIPTOR_COLUMNS =
            "name, version, kind, features::text, created_at, " + "parameters::text, metrics::text, training_data";

    /**
     * Deletes the never-activated versions of a name beyond the newest {@code $2} (their files go with them), then
     * the files of activated versions that are neither the active one nor among the {@code $3} activated most
     * recently before it: their rows stay, because the activation history refers to them.
     */
    private static final String PRUNE = """
            WITH activated AS (
                SELECT name, version, max(id) AS last FROM fusion.model_activation
                WHERE name IS NOT NULL GROUP BY name, version),
            candidates AS (
                SELECT v.name, v.version,
                       row_number() OVER (PARTITION BY v.name ORDER BY v.version DESC) AS newest
                FROM fusion.model_version v
                WHERE v.name = $1
                  AND NOT EXISTS (SELECT 1 FROM activated a WHERE a.name = v.name AND a.version = v.version)),
            dropped AS (
                DELETE FROM fusion.model_version v USING candidates c
                WHERE v.name = c.name AND v.version = c.version AND c.newest > $2
                RETURNING v.version),
            kept AS (SELECT name, version FROM activated ORDER BY last DESC LIMIT $3 + 1),
            emptied AS (
                DELETE FROM fusion.model_file f USING activated a
                WHERE f.name = a.name AND f.version = a.version
                  AND NOT EXISTS (SELECT 1 FROM kept k WHERE k.name = a.name AND k.version = a.version)
                RETURNING f.version)
            SELECT (SELECT count(*) FROM dropped), (SELECT count(DISTINCT version) FROM emptied)""";

    /** Serialises the import of an old model folder between replicas (the value the previous releases used). */
    private static final long IMPORT_LOCK = 0x6D61677069650002L;

    private final Pool pool;
    private final FusionConfig.Models config;
    private final ObjectMapper json = new ObjectMapper();

    public ModelStore(Pool pool, FusionConfig config) {
        this.pool = pool;
        this.config = config.models();
    }

    /**
     * Imports the versions of the old model folder that the registry does not have (same numbers), and its active
     * pointer when the registry has no activation yet: one transaction under one lock, so replicas starting together
     * import once. Answers how many versions were imported.
     */
    public int importLegacy(List<LegacyModelFolder.Version> versions, Optional<ActiveModelPointer> active) {
        return pool.withTransaction(connection -> TransactionLock.take(connection, IMPORT_LOCK)
                        .chain(() -> importAll(connection, versions, 0, 0))
                        .call(imported -> active.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : hasActivations(connection)
                                        .chain(has -> has
                                                ? Uni.createFrom().voidItem()
                                                : recordActivation(
                                                                connection,
                                                                ModelRef.parse(active.get()
                                                                        .model()),
                                                                active.get().activatedBy(),
                                                                FusionModelActivation.IMPORT)
                                                        .replaceWithVoid())))
                .await()
                .atMost(TIMEOUT);
    }

    private Uni<Integer> importAll(
            SqlConnection connection, List<LegacyModelFolder.Version> versions, int next, int imported) {
        if (next == versions.size()) {
            return Uni.createFrom().item(imported);
        }
        LegacyModelFolder.Version v = versions.get(next);
        return insertIfAbsent(connection, v.descriptor(), v.files())
                .chain(inserted -> importAll(connection, versions, next + 1, imported + (inserted ? 1 : 0)));
    }

    /**
     * Stores a new version numbered one above the highest of its name, with its files, in one transaction (a
     * reader sees all of it or nothing), and in the same transaction prunes what the retention settings no
     * longer keep ({@link #PRUNE}); answers the descriptor as stored.
     */
    public ModelDescriptor saveNewVersion(ModelDescriptor unnumbered, List<StoredModelFile> files) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("SELECT pg_advisory_xact_lock(hashtext('fusion.model_version:' || $1))")
                        .execute(Tuple.of(unnumbered.name()))
                        .chain(() -> connection
                                .preparedQuery(
                                        "SELECT coalesce(max(version), 0) + 1 FROM fusion.model_version WHERE name = $1")
                                .execute(Tuple.of(unnumbered.name())))
                        .map(rows -> numbered(unnumbered, rows.iterator().next().getInteger(0)))
                        .call(numbered -> insert(connection, numbered, files))
                        .call(numbered -> prune(connection, numbered.name())))
                .await()
                .atMost(TIMEOUT);
    }

    private Uni<Void> prune(SqlConnection connection, String name) {
        return connection
                .preparedQuery(PRUNE)
                .execute(Tuple.of(name, Math.max(1, config.keepCandidates()), Math.max(0, config.keepPrevious())))
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong(0) > 0 || row.getLong(1) > 0) {
                        LOG.infof(
                                "model registry: deleted %d old candidate versions of %s, dropped the files of %d "
                                        + "old activated versions",
                                row.getLong(0), name, row.getLong(1));
                    }
                })
                .replaceWithVoid();
    }

    /** Inserts a version under its own number unless that number is taken; true when inserted. */
    private Uni<Boolean> insertIfAbsent(
            SqlConnection connection, ModelDescriptor version, List<StoredModelFile> files) {
        return connection
                .preparedQuery("SELECT 1 FROM fusion.model_version WHERE name = $1 AND version = $2")
                .execute(Tuple.of(version.name(), Integer.parseInt(version.version())))
                .chain(rows -> rows.size() > 0
                        ? Uni.createFrom().item(false)
                        : insert(connection, version, files).replaceWith(true));
    }

    private Uni<Void> insert(SqlConnection connection, ModelDescriptor d, List<StoredModelFile> files) {
        int version = Integer.parseInt(d.version());
        Uni<Void> chain = connection
                .preparedQuery("INSERT INTO fusion.model_version (name, version, kind, feature_schema, features,"
                        + " created_at, parameters, metrics, training_data)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] {
                    d.name(),
                    version,
                    d.kind(),
                    d.schema().id(),
                    jsonb(d.schema()),
                    OffsetDateTime.ofInstant(d.createdAt(), ZoneOffset.UTC),
                    jsonb(d.parameters()),
                    jsonb(d.metrics()),
                    d.note()
                }))
                .replaceWithVoid();
        for (StoredModelFile file : files) {
            chain = chain.chain(() -> connection
                    .preparedQuery("INSERT INTO fusion.model_file (name, version, file_name, content, sha256)"
                            + " VALUES ($1, $2, $3, $4, $5)")
                    .execute(Tuple.of(d.name(), version, file.name(), Buffer.buffer(file.content()), file.sha256()))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** Every version, newest first (without its files). */
    public List<ModelDescriptor> list() {
        List<ModelDescriptor> all = new ArrayList<>();
        pool.query("SELECT " + DESCRIPTOR_COLUMNS
                        + " FROM fusion.model_version ORDER BY created_at DESC, name, version DESC")
                .execute()
                .await()
                .atMost(TIMEOUT)
                .forEach(row -> all.add(descriptor(row)));
        return all;
    }

    /** A version; empty when unknown (a version that is not a positive number is unknown too). */
    public Optional<ModelDescriptor> descriptor(ModelRef ref) {
        Integer version = number(ref);
        if (version == null) {
            return Optional.empty();
        }
        var rows = pool.preparedQuery(
                        "SELECT " + DESCRIPTOR_COLUMNS + " FROM fusion.model_version WHERE name = $1 AND version = $2")
                .execute(Tuple.of(ref.name(), version))
                .await()
                .atMost(TIMEOUT);
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(descriptor(rows.iterator().next()));
    }

    /** The files of a version, as stored. */
    public List<StoredModelFile> files(ModelRef ref) {
        List<StoredModelFile> files = new ArrayList<>();
        Integer version = number(ref);
        if (version == null) {
            return files;
        }
        pool.preparedQuery("SELECT file_name, content, sha256 FROM fusion.model_file WHERE name = $1 AND version = $2"
                        + " ORDER BY file_name")
                .execute(Tuple.of(ref.name(), version))
                .await()
                .atMost(TIMEOUT)
                .forEach(row -> files.add(
                        new StoredModelFile(row.getString(0), row.getBuffer(1).getBytes(), row.getString(2))));
        return files;
    }

    /** Records a change of the active version (null: the fixed strategy); answers the row. */
    public ModelActivation recordActivation(ModelRef model, String activatedBy, String action) {
        return pool.withConnection(connection -> recordActivation(connection, model, activatedBy, action))
                .await()
                .atMost(TIMEOUT);
    }

    private Uni<ModelActivation> recordActivation(
            SqlConnection connection, ModelRef model, String activatedBy, String action) {
        return connection
                .preparedQuery("INSERT INTO fusion.model_activation (name, version, activated_by, action)"
                        + " VALUES ($1, $2, $3, $4) RETURNING id, name, version, activated_at, activated_by, action")
                .execute(Tuple.of(
                        model == null ? null : model.name(), model == null ? null : number(model), activatedBy, action))
                .map(rows -> activation(rows.iterator().next()));
    }

    /** The newest activation: what the storefront gets. */
    public Optional<ModelActivation> latestActivation() {
        List<ModelActivation> latest = activations(1);
        return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
    }

    /** The newest activations first. */
    public List<ModelActivation> activations(int limit) {
        List<ModelActivation> history = new ArrayList<>();
        pool.preparedQuery("SELECT id, name, version, activated_at, activated_by, action FROM fusion.model_activation"
                        + " ORDER BY id DESC LIMIT $1")
                .execute(Tuple.of(limit))
                .await()
                .atMost(TIMEOUT)
                .forEach(row -> history.add(activation(row)));
        return history;
    }

    private Uni<Boolean> hasActivations(SqlConnection connection) {
        return connection
                .query("SELECT 1 FROM fusion.model_activation LIMIT 1")
                .execute()
                .map(rows -> rows.size() > 0);
    }

    private static ModelActivation activation(Row row) {
        String name = row.getString(1);
        return new ModelActivation(
                row.getLong(0),
                name == null ? null : ModelRef.of(name, String.valueOf(row.getInteger(2))),
                row.getOffsetDateTime(3).toInstant(),
                row.getString(4),
                row.getString(5));
    }

    private ModelDescriptor descriptor(Row row) {
        try {
            return new ModelDescriptor(
                    row.getString(0),
                    String.valueOf(row.getInteger(1)),
                    row.getString(2),
                    json.readValue(row.getString(3), FeatureSchema.class),
                    row.getOffsetDateTime(4).toInstant(),
                    json.readValue(row.getString(5), new TypeReference<Map<String, Object>>() {}),
                    json.readValue(row.getString(6), new TypeReference<Map<String, Double>>() {}),
                    row.getString(7));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "model version " + row.getString(0) + "@" + row.getInteger(1) + " has an unreadable descriptor: "
                            + e.getMessage(),
                    e);
        }
    }

    private static ModelDescriptor numbered(ModelDescriptor d, int version) {
        return new ModelDescriptor(
                d.name(),
                String.valueOf(version),
                d.kind(),
                d.schema(),
                d.createdAt(),
                d.parameters(),
                d.metrics(),
                d.note());
    }

    /** A JSON object as the pg client sends jsonb (a plain String would be stored as one JSON string). */
    private JsonObject jsonb(Object value) {
        try {
            return new JsonObject(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The version as a number; null when it is not a positive one. */
    static Integer number(ModelRef ref) {
        try {
            int version = Integer.parseInt(ref.version());
            return version > 0 ? version : null;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
