package io.magpie.testsupport;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.function.Supplier;

/** A write sent again and again after a data server restart, until the service answers it again. */
public final class StoreRecovery {

    private StoreRecovery() {}

    /**
     * Sends until the answer is 200; while the service reconnects only a 503 is allowed (anything else fails at once).
     * A minute bounds a test that would otherwise wait forever, not how fast the service must be.
     */
    public static Response awaitAnswered(Supplier<Response> send) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Response last = send.get();
        while (last.statusCode() != 200 && System.nanoTime() < deadline) {
            if (last.statusCode() != 503) {
                throw new AssertionError(
                        "expected 200 or a 503 while reconnecting, got " + last.statusCode() + ": " + last.asString());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = send.get();
        }
        if (last.statusCode() != 200) {
            throw new AssertionError(
                    "still " + last.statusCode() + " a minute after the data server was back: " + last.asString());
        }
        return last;
    }
}
