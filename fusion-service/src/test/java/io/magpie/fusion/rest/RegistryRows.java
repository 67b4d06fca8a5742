package io.magpie.fusion.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Registry rows made by hand, as damage or another replica would leave them: copies of a stored version with
 * altered files or another feature schema, and activations written straight into the table.
 */
final class RegistryRows {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Pool pool;

    RegistryRows(Pool pool) {
        this.pool = pool;
    }

    /** Copies version {@code from} of {@code name} to number {@code to}; its feature schema version set as given. */
    void copyVersion(String name, int from, int to, int schemaVersion) {
        run(
                "INSERT INTO fusion.model_version SELECT name, $3, kind,"
                        + " regexp_replace(feature_schema, '@[0-9]+$', $4),"
                        + " jsonb_set(features, '{version}', to_jsonb($5::int)), created_at, parameters, metrics,"
                        + " training_data FROM fusion.model_version WHERE name = $1 AND version = $2",
                name,
                from,
                to,
                "@" + schemaVersion,
                schemaVersion);
        run(
                "INSERT INTO fusion.model_file SELECT name, $3, file_name, content, sha256 FROM fusion.model_file"
                        + " WHERE name = $1 AND version = $2",
                name,
                from,
                to);
    }

    byte[] file(String name, int version, String file) {
        return pool.preparedQuery(
                        "SELECT content FROM fusion.model_file WHERE name = $1 AND version = $2 AND file_name = $3")
                .execute(Tuple.of(name, version, file))
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next()
                .getBuffer(0)
                .getBytes();
    }

    /** Replaces a file's bytes; with {@code newChecksum} its checksum too (bytes that are whole but not a model). */
    void replaceFile(String name, int version, String file, byte[] content, boolean newChecksum) throws Exception {
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        run(
                "UPDATE fusion.model_file SET content = $4"
                        + (newChecksum ? ", sha256 = $5" : ", sha256 = sha256 || $5")
                        + " WHERE name = $1 AND version = $2 AND file_name = $3",
                name,
                version,
                file,
                Buffer.buffer(content),
                newChecksum ? sha : "");
    }

    /** Removes one file of a version (a version whose files were not all stored). */
    void deleteFile(String name, int version, String file) {
        run("DELETE FROM fusion.model_file WHERE name = $1 AND version = $2 AND file_name = $3", name, version, file);
    }

    /** An activation written as another replica's admin call would write it. */
    void activate(String name, int version, String by) {
        run(
                "INSERT INTO fusion.model_activation (name, version, activated_by, action) VALUES ($1, $2, $3,"
                        + " 'activate')",
                name,
                version,
                by);
    }

    long count(String sql) {
        return pool.query(sql)
                .execute()
                .await()
                .atMost(TIMEOUT)
                .iterator()
                .next()
                .getLong(0);
    }

    private void run(String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(List.of(parameters))).await().atMost(TIMEOUT);
    }
}
