package io.magpie.fusion.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.security.ServiceCredential;
import io.magpie.testsupport.MagpieRoot;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.ScratchDirs;
import io.magpie.testsupport.ServiceJar;
import io.magpie.testsupport.TestServiceCredential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "done when": fusion-service killed with SIGKILL while clients stream batches of events, started
 * again, and sent everything once more (acknowledged batches too, as a client that cannot tell would): every
 * acknowledged event is stored, and every event exactly once. The service runs for real, as its packaged fast-jar in
 * a child process, against a real PostgreSQL. Runs after packaging ({@code *IT}, surefire execution
 * {@code crash-consistency} of this module).
 */
class EventsCrashIT {

    private static final int BATCHES = 400;
    private static final int EVENTS_PER_BATCH = 100;
    private static final int SENDERS = 4;
    private static final int KILL_AFTER_ACKNOWLEDGED_BATCHES = 120;
    private static final Pattern STORED =
            Pattern.compile("\"eventId\":\"([^\"]+)\",\"status\":\"(accepted|duplicate)\"");

    private static final PostgresTestResource POSTGRES = new PostgresTestResource();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static Path scratch;
    private static Map<String, String> config;
    private static String jdbcUrl;

    @BeforeAll
    static void startPostgres() {
        scratch = MagpieRoot.scratch("events-crash-it");
        config = POSTGRES.start();
        jdbcUrl = "jdbc:" + config.get("quarkus.datasource.reactive.url");
    }

    @AfterAll
    static void stopPostgres() {
        try {
            POSTGRES.stop();
        } finally {
            ScratchDirs.delete(scratch);
        }
    }

    @Test
    void killedWhileBatchesStreamInAndRestartedEveryAcknowledgedEventIsStoredOnce() throws Exception {
        List<String> batches = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(3600);
        for (int b = 0; b < BATCHES; b++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < EVENTS_PER_BATCH; i++) {
                int n = b * EVENTS_PER_BATCH + i;
                body.append(i == 0 ? "" : ",")
                        .append("{\"eventId\":\"crash-")
                        .append(n)
                        .append("\",\"type\":\"")
                        .append(n % 10 == 0 ? "purchase" : "view")
                        .append("\",\"userId\":\"user-")
                        .append(n % 97)
                        .append("\",\"productId\":\"P-")
                        .append(n % 500)
                        .append("\",\"timestamp\":\"")
                        .append(start.plusMillis(n))
                        .append("\"}");
            }
            batches.add(body.append(']').toString());
        }

        ServiceJar first = new ServiceJar("fusion-service", config, scratch.resolve("fusion-1"));
        first.start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger acknowledgedBatches = new AtomicInteger();
        AtomicInteger failedBatches = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        for (int s = 0; s < SENDERS; s++) {
            senders.submit(() -> {
                int b;
                while ((b = next.getAndIncrement()) < BATCHES) {
                    try {
                        HttpResponse<String> response = send(first, batches.get(b));
                        if (response.statusCode() == 200) {
                            acknowledged.addAll(storedIds(response.body()));
                            if (acknowledgedBatches.incrementAndGet() >= KILL_AFTER_ACKNOWLEDGED_BATCHES) {
                                enough.countDown();
                            }
                        } else {
                            failedBatches.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failedBatches.incrementAndGet();
                    }
                }
            });
        }
        assertTrue(enough.await(3, TimeUnit.MINUTES), "too few batches were acknowledged before the kill");
        first.kill();
        senders.shutdown();
        assertTrue(senders.awaitTermination(2, TimeUnit.MINUTES));

        long storedBeforeRestart = count("SELECT count(*) FROM fusion.event");
        System.out.printf(
                "killed mid-stream: %d batches acknowledged (%d events), %d failed or unsent in flight, "
                        + "%d events committed%n",
                acknowledgedBatches.get(), acknowledged.size(), failedBatches.get(), storedBeforeRestart);
        assertTrue(failedBatches.get() > 0, "the kill did not cut the stream: every batch was acknowledged");
        assertEquals(acknowledgedBatches.get() * EVENTS_PER_BATCH, acknowledged.size());
        assertTrue(storedBeforeRestart >= acknowledged.size());
        assertEquals(acknowledged.size(), countStoredAmong(acknowledged), "an acknowledged event is missing");

        ServiceJar second = new ServiceJar("fusion-service", config, scratch.resolve("fusion-2"));
        second.start();
        try {
            // everything again, acknowledged or not: repeats must be answered duplicate and stored once
            int accepted = 0;
            int duplicates = 0;
            for (String batch : batches) {
                HttpResponse<String> response = send(second, batch);
                assertEquals(200, response.statusCode(), response.body());
                accepted += occurrences(response.body(), "\"status\":\"accepted\"");
                duplicates += occurrences(response.body(), "\"status\":\"duplicate\"");
            }
            System.out.printf(
                    "resent all %d batches: %d events accepted, %d duplicates%n", BATCHES, accepted, duplicates);
            assertEquals(storedBeforeRestart, duplicates, "every event stored before the kill is a duplicate now");
            assertEquals(BATCHES * EVENTS_PER_BATCH - storedBeforeRestart, accepted);
        } finally {
            second.stop();
        }
        int total = BATCHES * EVENTS_PER_BATCH;
        assertEquals(total, count("SELECT count(*) FROM fusion.event"), "some event is stored twice or not at all");
        assertEquals(total, count("SELECT count(DISTINCT event_id) FROM fusion.event"));
        assertEquals(total, count("SELECT count(*) FROM fusion.event_key"));
        assertEquals(acknowledged.size(), countStoredAmong(acknowledged));
    }

    private static HttpResponse<String> send(ServiceJar service, String batch)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(service.url() + "/v1/events"))
                        .timeout(Duration.ofMinutes(1))
                        .header(ServiceCredential.HEADER, TestServiceCredential.VALUE)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(batch))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> storedIds(String answer) {
        Set<String> ids = new HashSet<>();
        Matcher matcher = STORED.matcher(answer);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static int occurrences(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long countStoredAmong(Set<String> ids) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var query = db.prepareStatement("SELECT count(*) FROM fusion.event WHERE event_id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
