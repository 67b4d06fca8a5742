package io.magpie.retrieval;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test catalogue ({@code products.ndjson}, real-looking products) and a way to make sure it is ingested. */
final class Catalogue {

    static final String NDJSON = "application/x-ndjson";

    static final String BOUNTY = "B07PT1Q8ZV";
    static final String VIVA = "B01N6ACJXW";
    static final String BASICS_TOWELS = "B07MJWLG3D";
    static final String CHARMIN = "B073V9L5QT";
    static final String AIRPODS = "B0BDHWDR12";
    static final String SKILLET = "B00006JSUA";
    static final String CAFE_DU_MONDE = "B0BX8JZ9QL";

    static final int SIZE = 21;

    /** The admin key of the %test profile: ingest and deletes are admin operations. */
    static final String ADMIN = "Bearer test-admin-key";

    private static boolean ingested;

    private Catalogue() {}

    static String ndjson() {
        try (InputStream in = Catalogue.class.getResourceAsStream("/products.ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ingests the catalogue once per test JVM (the servers outlive test classes that share them). */
    static synchronized void ensureIngested() {
        if (!ingested) {
            given().header("Authorization", ADMIN)
                    .contentType(NDJSON)
                    .body(ndjson().getBytes(StandardCharsets.UTF_8))
                    .when()
                    .post("/v1/products")
                    .then()
                    .statusCode(200);
            awaitIndexed();
            ingested = true;
        }
    }

    /** Waits until the outbox worker has delivered every committed change to Milvus. */
    static void awaitIndexed() {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        while (given().when()
                        .get("/v1/products/indexing")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("pending")
                > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox did not drain within 3 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void markIngested() {
        synchronized (Catalogue.class) {
            ingested = true;
        }
    }
}
