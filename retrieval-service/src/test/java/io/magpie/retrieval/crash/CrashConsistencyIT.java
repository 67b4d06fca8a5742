package io.magpie.retrieval.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.security.ServiceCredential;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MagpieRoot;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.Neo4jTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.ScratchDirs;
import io.magpie.testsupport.ServiceJar;
import io.magpie.testsupport.TestServiceCredential;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.QueryReq;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The "done when": retrieval-service killed with SIGKILL in the middle of a bulk ingest, and started again,
 * leaves PostgreSQL, Milvus and the graph consistent. Everything runs for real: PostgreSQL, milvus-lite, Neo4j,
 * encoder-service and kg-service, and retrieval-service's own fast-jar as a child process that is killed.
 *
 * <p>Consistent means: once the restarted service has drained its outbox, Milvus holds exactly the live
 * catalogue products, each at the version PostgreSQL holds, and so does the graph; deleted products are nowhere.
 * Runs after packaging ({@code *IT}, the surefire execution {@code crash-consistency} of this module).
 */
class CrashConsistencyIT {

    private static final String KEY = "it-admin-key";
    private static final int INITIAL = 200;
    private static final int DELETED = 30;
    private static final int STREAMED_NEW = 1500;
    private static final int KILL_AFTER_LINES = 700;

    private static final PostgresTestResource POSTGRES = new PostgresTestResource();
    private static final MilvusTestResource MILVUS = new MilvusTestResource();
    private static final Neo4jTestResource NEO4J = new Neo4jTestResource();
    private static final EncoderServiceTestResource ENCODER = new EncoderServiceTestResource();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static Path scratch;
    private static ServiceJar kg;
    private static Map<String, String> retrievalConfig;
    private static String jdbcUrl;
    private static String milvusUri;
    private static String boltUri;

    @BeforeAll
    static void startServers() {
        scratch = MagpieRoot.scratch("crash-it");
        Map<String, String> postgres = POSTGRES.start();
        MILVUS.init(Map.of());
        Map<String, String> milvus = MILVUS.start();
        Map<String, String> neo4j = NEO4J.start();
        Map<String, String> encoder = ENCODER.start();
        jdbcUrl = "jdbc:" + postgres.get("quarkus.datasource.reactive.url");
        milvusUri = milvus.get(MilvusTestResource.DEFAULT_CONFIG_KEY);
        boltUri = neo4j.get("quarkus.neo4j.uri");

        // kg-service keeps its audit log in the same PostgreSQL (its own schema)
        Map<String, String> kgConfig = new HashMap<>(postgres);
        kgConfig.put("quarkus.neo4j.uri", boltUri);
        kgConfig.put("magpie.admin-keys", KEY);
        kg = new ServiceJar("kg-service", kgConfig, scratch.resolve("kg"));
        kg.start();

        Map<String, String> config = new HashMap<>(postgres);
        config.putAll(milvus);
        config.putAll(encoder);
        config.put("quarkus.rest-client.kg.url", kg.url());
        config.put("magpie.admin-keys", KEY);
        config.put("magpie.retrieval.graph-sync.enabled", "true");
        config.put("magpie.retrieval.indexing.poll-interval", "500ms");
        retrievalConfig = Map.copyOf(config);
    }

    @AfterAll
    static void stopServers() {
        try {
            if (kg != null) {
                kg.stop();
            }
        } finally {
            ENCODER.stop();
            NEO4J.stop();
            MILVUS.stop();
            POSTGRES.stop();
            ScratchDirs.delete(scratch);
        }
    }

    @Test
    void killedMidIngestAndRestartedLeavesPostgresMilvusAndTheGraphConsistent() throws Exception {
        ServiceJar first = new ServiceJar("retrieval-service", retrievalConfig, scratch.resolve("retrieval-1"));
        first.start();
        // a catalogue that is fully indexed, then deletes and a streamed ingest of changes and new products
        post(first, "/v1/products", ndjson(IntStream.range(0, INITIAL).mapToObj(i -> product(i, "first"))));
        awaitDrained(first, Duration.ofMinutes(5));
        post(
                first,
                "/v1/products/deletions",
                "{\"ids\":["
                        + IntStream.range(0, DELETED)
                                .mapToObj(i -> "\"" + id(i) + "\"")
                                .collect(Collectors.joining(","))
                        + "]}");

        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        InputStream body = new SlowBody(
                IntStream.concat(IntStream.range(INITIAL / 2, INITIAL), IntStream.range(1000, 1000 + STREAMED_NEW))
                        .mapToObj(i -> product(i, i < INITIAL ? "second" : "first"))
                        .toList(),
                KILL_AFTER_LINES,
                halfway,
                resume);
        CompletableFuture<HttpResponse<String>> ingest = HTTP.sendAsync(
                request(first, "/v1/products")
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(halfway.await(3, TimeUnit.MINUTES), "the body was not read halfway");
        // the body holds at halfway until the kill, so the service commits what it has whatever its pace: a
        // clean-clone run once killed it before its first batch was committed
        awaitCommittedNew(Duration.ofMinutes(2));
        first.kill();
        resume.countDown();
        assertTrue(
                ingest.handle((response, failure) -> failure != null).get(1, TimeUnit.MINUTES),
                "the killed ingest must not have answered");

        // the crash left work behind: products committed and not yet delivered, and a cut stream
        long committedNew = committedNew();
        assertTrue(committedNew > 0 && committedNew < STREAMED_NEW, "committed " + committedNew);
        long waiting = count("select count(*) from catalog.product_outbox");
        assertTrue(waiting > 0, "the outbox was already empty");
        System.out.printf(
                "killed mid-ingest: %d of %d streamed new products committed, %d changes undelivered%n",
                committedNew, STREAMED_NEW, waiting);

        ServiceJar second = new ServiceJar("retrieval-service", retrievalConfig, scratch.resolve("retrieval-2"));
        second.start();
        try {
            long restarted = System.nanoTime();
            awaitDrained(second, Duration.ofMinutes(10));
            System.out.printf(
                    "restarted service drained the outbox in %.1f s%n", (System.nanoTime() - restarted) / 1e9);
            Map<String, Long> catalogue = liveVersionsInPostgres();
            assertEquals(INITIAL - DELETED + committedNew, catalogue.size());
            assertEquals(catalogue, versionsInMilvus(), "Milvus differs from the catalogue");
            assertEquals(catalogue, versionsInGraph(), "the graph differs from the catalogue");
        } finally {
            second.stop();
        }
    }

    private static String id(int i) {
        return String.format("CRASH-%04d", i);
    }

    private static String product(int i, String edition) {
        return "{\"id\":\"" + id(i) + "\",\"title\":\"Stainless steel water bottle " + i + ", " + edition
                + " edition\",\"brand\":\"Brand " + (i % 17) + "\",\"category\":[\"Kitchen\",\"Drinkware\"],"
                + "\"attributes\":{\"capacity\":[\"" + (i % 5 + 1) * 250 + " ml\"]},\"price\":" + (10 + i % 40)
                + ",\"currency\":\"USD\",\"inStock\":" + (i % 7 != 0) + "}";
    }

    private static String ndjson(java.util.stream.Stream<String> lines) {
        return lines.collect(Collectors.joining("\n", "", "\n"));
    }

    private static HttpRequest.Builder request(ServiceJar service, String path) {
        return HttpRequest.newBuilder(URI.create(service.url() + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + KEY)
                .header(ServiceCredential.HEADER, TestServiceCredential.VALUE);
    }

    private static void post(ServiceJar service, String path, String body) throws IOException, InterruptedException {
        String type = path.endsWith("deletions") ? "application/json" : "application/x-ndjson";
        HttpResponse<String> response = HTTP.send(
                request(service, path)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static void awaitDrained(ServiceJar service, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = HTTP.send(
                            request(service, "/v1/products/indexing").GET().build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (status.contains("\"pending\":0,")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the outbox did not drain within " + timeout + ": " + status);
    }

    /** Streamed new products PostgreSQL holds. */
    private static long committedNew() throws SQLException {
        return count("select count(*) from catalog.product where id like 'CRASH-1%' "
                + "or id like 'CRASH-2%' or id like 'CRASH-3%' or id like 'CRASH-4%'");
    }

    private static void awaitCommittedNew(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committedNew() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no streamed product was committed within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, Long> liveVersionsInPostgres() throws SQLException {
        Map<String, Long> versions = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                ResultSet rows = db.createStatement()
                        .executeQuery("select id, version from catalog.product where not deleted")) {
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return versions;
    }

    private static Map<String, Long> versionsInMilvus() throws InterruptedException {
        MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder()
                .uri(milvusUri)
                .keepAliveTimeMs(Duration.ofMinutes(5).toMillis())
                .keepAliveWithoutCalls(false)
                .build());
        try {
            Map<String, Long> versions = new TreeMap<>();
            client.query(QueryReq.builder()
                            .collectionName("product_text")
                            .filter("id != \"\"")
                            .outputFields(List.of("id", "version"))
                            .limit(16_384)
                            .consistencyLevel(ConsistencyLevel.STRONG)
                            .build())
                    .getQueryResults()
                    .forEach(row -> versions.put(
                            (String) row.getEntity().get("id"),
                            ((Number) row.getEntity().get("version")).longValue()));
            return versions;
        } finally {
            client.close(5);
        }
    }

    private static Map<String, Long> versionsInGraph() {
        try (Driver driver = GraphDatabase.driver(boltUri, AuthTokens.none());
                Session session = driver.session()) {
            Map<String, Long> versions = new TreeMap<>();
            session.run("MATCH (p:Product) RETURN p.id AS id, p.version AS version")
                    .forEachRemaining(record -> versions.put(
                            record.get("id").asString(), record.get("version").asLong()));
            return versions;
        }
    }

    /**
     * A request body produced as it is sent, a little at a time, that says when it is halfway and then holds until
     * {@code resume}.
     */
    private static final class SlowBody extends InputStream {

        private final List<String> lines;
        private final int signalAfter;
        private final CountDownLatch halfway;
        private final CountDownLatch resume;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        SlowBody(List<String> lines, int signalAfter, CountDownLatch halfway, CountDownLatch resume) {
            this.lines = lines;
            this.signalAfter = signalAfter;
            this.halfway = halfway;
            this.resume = resume;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == current.length) {
                if (next == lines.size()) {
                    return -1;
                }
                if (next >= signalAfter) {
                    halfway.countDown();
                    holdUntilResumed();
                }
                // 50 lines at a time, a pause between: the service commits batches while the body still flows
                StringBuilder chunk = new StringBuilder();
                for (int i = 0; i < 50 && next < lines.size(); i++) {
                    chunk.append(lines.get(next++)).append('\n');
                }
                pause();
                current = chunk.toString().getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        private void holdUntilResumed() {
            try {
                resume.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
