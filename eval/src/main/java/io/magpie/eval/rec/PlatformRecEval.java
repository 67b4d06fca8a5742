package io.magpie.eval.rec;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.api.catalog.Product;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.http.HttpStatusException;
import io.magpie.eval.http.JsonHttp;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Amazon Scientific through the public API: its items as products (admin ingest), its interactions as purchase
 * events with increasing timestamps (events API), then every user's recommendations from the gateway. Event ids are
 * fixed per interaction, so loading twice stores each event once.
 */
final class PlatformRecEval {

    /** The gateway's answer for one user: ids best first and their scores. */
    record Answer(List<String> ids, List<Double> scores) {}

    static final String FUSED = "fused";

    private static final int EVENT_BATCH = 1000;
    private static final int PRODUCT_BATCH = 500;
    private static final String JOBS = "/api/v1/admin/collaborative/jobs";
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration TRAINING_LIMIT = Duration.ofMinutes(30);

    private final JsonHttp http;
    private final Interactions data;
    private final int concurrency;
    private final PrintStream out;

    PlatformRecEval(JsonHttp http, Interactions data, int concurrency, PrintStream out) {
        this.http = http;
        this.data = data;
        this.concurrency = concurrency;
        this.out = out;
    }

    static String userId(Interactions data, int user) {
        return "sci-" + data.userIds().get(user);
    }

    /** Ingests the items and waits until they are indexed (encoded, in Milvus and the graph). */
    void loadProducts(Path dataset) throws IOException, InterruptedException {
        List<Product> products = ScientificProducts.read(dataset);
        GatewayClient gateway = new GatewayClient(http);
        long rejected = 0;
        for (int from = 0; from < products.size(); from += PRODUCT_BATCH) {
            JsonNode result = gateway.ingest(
                    products.subList(from, Math.min(products.size(), from + PRODUCT_BATCH)), Duration.ofMinutes(10));
            rejected += result.path("rejected").asLong();
        }
        out.printf("products: %d sent, %d rejected; waiting for indexing%n", products.size(), rejected);
        double waited = gateway.awaitIndexed(Duration.ofHours(2));
        out.printf("products indexed after %.0f s%n", waited);
    }

    /**
     * Sends every user's training sequence (and validation item for the final run) as purchase events, one minute
     * apart per user, ending before now; answers when the last batch was acknowledged.
     */
    Instant postEvents(boolean finalRun) throws IOException, InterruptedException {
        List<int[]> sequences = data.fitSequences(finalRun);
        int longest = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(longest + 60L));
        List<Map<String, Object>> batch = new ArrayList<>();
        long sent = 0;
        long rejected = 0;
        for (int u = 0; u < sequences.size(); u++) {
            int[] sequence = sequences.get(u);
            for (int i = 0; i < sequence.length; i++) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("eventId", "sci-" + u + "-" + i);
                event.put("type", "purchase");
                event.put("userId", userId(data, u));
                event.put("productId", data.itemIds().get(sequence[i]));
                event.put(
                        "timestamp",
                        base.plus(Duration.ofMinutes(i)).plusMillis(u % 1000).toString());
                batch.add(event);
                if (batch.size() == EVENT_BATCH) {
                    rejected += send(batch);
                    sent += batch.size();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            rejected += send(batch);
            sent += batch.size();
        }
        out.printf("events: %d sent (%s), %d rejected%n", sent, finalRun ? "train + valid" : "train", rejected);
        return Instant.now();
    }

    private long send(List<Map<String, Object>> batch) throws IOException, InterruptedException {
        return http.post("/api/v1/events", batch, Duration.ofMinutes(2))
                .path("rejected")
                .asLong();
    }

    /** Waits until the co-occurrence signal has counted every event acknowledged before {@code after}. */
    double awaitSignals(Instant after) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            JsonNode status = http.get("/api/v1/admin/recommendations/signals", Duration.ofSeconds(30));
            String caughtUp = status.path("caughtUpTo").asText(null);
            if (caughtUp != null && Instant.parse(caughtUp).isAfter(after)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("signals caught up after %.1f s: %s%n", seconds, status);
                return seconds;
            }
            if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
                throw new IOException("the signals did not catch up within 30 minutes: " + status);
            }
            Thread.sleep(500);
        }
    }

    /**
     * Has fusion-service train the collaborative item vectors from the events now stored, as a job followed until it
     * ends (its progress printed as it changes); answers the seconds. A job already running (the schedule's) is
     * waited for first, since it did not see every event.
     */
    double trainCollaborative() throws IOException, InterruptedException {
        long start = System.nanoTime();
        JsonNode job = startCollaborativeJob(start);
        String path = JOBS + "/" + URLEncoder.encode(job.path("id").asText(), StandardCharsets.UTF_8);
        String shown = "";
        while (!job.path("state").asText().equals("succeeded")) {
            if (job.path("state").asText().equals("failed")) {
                throw new IOException("collaborative training job failed: "
                        + job.path("error").asText());
            }
            if (System.nanoTime() - start > TRAINING_LIMIT.toNanos()) {
                throw new IOException("collaborative training job did not end within " + TRAINING_LIMIT + ": " + job);
            }
            String line = job.path("state").asText() + " " + progress(job.path("progress"));
            if (!line.equals(shown)) {
                out.printf("  collaborative training %s%n", line);
                shown = line;
            }
            Thread.sleep(POLL.toMillis());
            job = http.get(path, Duration.ofSeconds(30));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("collaborative vectors trained in %.1f s: %s%n", seconds, job.path("result"));
        return seconds;
    }

    private JsonNode startCollaborativeJob(long since) throws IOException, InterruptedException {
        while (true) {
            try {
                return http.post(JOBS, Map.of(), Duration.ofMinutes(2));
            } catch (HttpStatusException e) {
                if (e.status() != 409 || System.nanoTime() - since > TRAINING_LIMIT.toNanos()) {
                    throw e;
                }
                out.printf("  waiting for the collaborative training already running: %s%n", e.detail());
                Thread.sleep(POLL.toMillis() * 5);
            }
        }
    }

    private static String progress(JsonNode p) {
        return p.isMissingNode() || p.isNull()
                ? "(reading the events)"
                : "epoch " + p.path("epoch").asInt() + " of " + p.path("epochs").asInt() + ", "
                        + p.path("sequences").asInt() + " sequences, "
                        + p.path("items").asInt() + " items";
    }

    /** Each case's answer of one variant ({@link #FUSED} or a source alone), asked with a few clients at once. */
    List<Answer> ask(List<EvalCase> cases, String variant, int size) throws InterruptedException, IOException {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<Answer>> answers = new ArrayList<>(cases.size());
            for (EvalCase c : cases) {
                answers.add(clients.submit(() -> {
                    Answer answer = askOne(c.user(), variant, size);
                    int n = done.incrementAndGet();
                    if (n % 2000 == 0) {
                        out.printf("  %s: %d / %d users%n", variant, n, cases.size());
                    }
                    return answer;
                }));
            }
            List<Answer> result = new ArrayList<>(cases.size());
            for (Future<Answer> answer : answers) {
                try {
                    result.add(answer.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(
                            "asking the gateway failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            out.printf("%s: %d users in %.0f s%n", variant, cases.size(), (System.nanoTime() - start) / 1e9);
            return result;
        } finally {
            clients.shutdownNow();
        }
    }

    private Answer askOne(int user, String variant, int size) throws IOException, InterruptedException {
        String path = "/api/v1/users/" + URLEncoder.encode(userId(data, user), StandardCharsets.UTF_8)
                + "/recommendations?size=" + size + (FUSED.equals(variant) ? "" : "&sources=" + variant);
        JsonNode answer = http.get(path, Duration.ofSeconds(30));
        List<String> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        answer.path("items").forEach(item -> {
            ids.add(item.path("id").asText());
            scores.add(item.path("score").asDouble());
        });
        return new Answer(ids, scores);
    }
}
