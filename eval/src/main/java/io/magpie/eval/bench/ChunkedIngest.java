package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.api.catalog.Product;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.http.HttpStatusException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends products to the gateway's ingest API in requests of a fixed size with a fixed number of requests in flight
 * (each sender takes the next request as soon as its previous one is answered). A 503 (the gateway or the catalogue
 * is full; nothing was written) is sent again after a second, as a client honouring Retry-After would.
 */
final class ChunkedIngest {

    /** One request's outcome; {@code seconds} from its first sending to its answer, resends included. */
    record Chunk(int products, long accepted, long rejected, double seconds) {}

    /** All requests' outcomes in sending order, and how many times a 503 made a request go again. */
    record Result(List<Chunk> chunks, long resent) {

        long accepted() {
            return chunks.stream().mapToLong(Chunk::accepted).sum();
        }

        long rejected() {
            return chunks.stream().mapToLong(Chunk::rejected).sum();
        }
    }

    private static final int MAX_RESENDS = 120;

    private final GatewayClient client;
    private final Duration timeout;

    ChunkedIngest(GatewayClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    Result send(List<Product> products, int perRequest, int inFlight) throws IOException, InterruptedException {
        List<List<Product>> parts = new ArrayList<>();
        for (int from = 0; from < products.size(); from += perRequest) {
            parts.add(products.subList(from, Math.min(products.size(), from + perRequest)));
        }
        Chunk[] done = new Chunk[parts.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong resent = new AtomicLong();
        AtomicLong sentProducts = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(inFlight, runnable -> {
            Thread thread = new Thread(runnable, "bench-ingest-sender");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int s = 0; s < inFlight; s++) {
                running.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < parts.size(); i = next.getAndIncrement()) {
                        done[i] = sendOne(parts.get(i), resent);
                        System.out.printf(
                                Locale.ROOT,
                                "committed %d of %d products (request %d: %d accepted, %d rejected, %.1f s)%n",
                                sentProducts.addAndGet(parts.get(i).size()),
                                products.size(),
                                i + 1,
                                done[i].accepted(),
                                done[i].rejected(),
                                done[i].seconds());
                    }
                    return null;
                }));
            }
            for (Future<Void> sender : running) {
                try {
                    sender.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        } finally {
            senders.shutdownNow();
        }
        return new Result(Arrays.asList(done), resent.get());
    }

    private Chunk sendOne(List<Product> part, AtomicLong resent) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                JsonNode result = client.ingest(part, timeout);
                result.path("errors").forEach(e -> System.err.println("  rejected: " + e));
                return new Chunk(
                        part.size(),
                        result.path("accepted").asLong(),
                        result.path("rejected").asLong(),
                        (System.nanoTime() - sent) / 1e9);
            } catch (HttpStatusException e) {
                if (e.status() != 503 || attempt >= MAX_RESENDS) {
                    throw e;
                }
                resent.incrementAndGet();
                Thread.sleep(1000);
            }
        }
    }
}
