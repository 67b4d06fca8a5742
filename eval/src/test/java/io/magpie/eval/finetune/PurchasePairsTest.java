package io.magpie.eval.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.encoder.FineTuningRequest.Pair;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurchasePairsTest {

    private static final Map<String, String> TEXTS =
            Map.of("p1", "Paper towels", "p2", "Garden hose", "p3", "Phone case");

    @Test
    void aPurchaseGoesWithTheSessionsLatestEarlierSearchInTheWindow() throws Exception {
        String events = String.join(
                "\n",
                "{\"session\":\"s1\",\"type\":\"search\",\"query\":\"towels\",\"timestamp\":\"2026-01-01T10:00:00Z\"}",
                "{\"session\":\"s1\",\"type\":\"search\",\"query\":\"paper towels\",\"timestamp\":\"2026-01-01T10:01:00Z\"}",
                // Another session's search in between must not be taken.
                "{\"session\":\"s2\",\"type\":\"search\",\"query\":\"hose\",\"timestamp\":\"2026-01-01T10:02:00Z\"}",
                "{\"session\":\"s1\",\"type\":\"purchase\",\"productId\":\"p1\",\"timestamp\":\"2026-01-01T10:05:00Z\"}",
                // Out of order in the file: 10:03, after the s2 search.
                "{\"user\":\"s2\",\"type\":\"purchase\",\"productId\":\"p2\",\"timestamp\":1767261780000}",
                // Bought twice: one pair.
                "{\"session\":\"s1\",\"type\":\"purchase\",\"productId\":\"p1\",\"timestamp\":\"2026-01-01T10:06:00Z\"}",
                "{\"session\":\"s1\",\"type\":\"view\",\"productId\":\"p3\",\"timestamp\":\"2026-01-01T10:07:00Z\"}");

        PurchasePairs.Result result = read(events, Duration.ofMinutes(30));

        // In time order of the purchases: s2's at 10:03, s1's at 10:05.
        assertEquals(
                List.of(new Pair("hose", "Garden hose"), new Pair("paper towels", "Paper towels")), result.pairs());
        assertEquals(3, result.purchases());
        assertEquals(0, result.withoutQuery());
    }

    @Test
    void purchasesWithoutARecentSearchOrKnownProductAreLeftOut() throws Exception {
        String events = String.join(
                "\n",
                "{\"session\":\"s1\",\"type\":\"search\",\"query\":\"case\",\"timestamp\":\"2026-01-01T10:00:00Z\"}",
                "{\"session\":\"s1\",\"type\":\"purchase\",\"productId\":\"p3\",\"timestamp\":\"2026-01-01T11:00:01Z\"}",
                "{\"session\":\"s3\",\"type\":\"purchase\",\"productId\":\"p3\",\"timestamp\":\"2026-01-01T11:00:01Z\"}",
                // Before its session's first search: no query to pair with.
                "{\"session\":\"s4\",\"type\":\"purchase\",\"productId\":\"p1\",\"timestamp\":\"2026-01-01T09:00:00Z\"}",
                "{\"session\":\"s4\",\"type\":\"search\",\"query\":\"towel\",\"timestamp\":\"2026-01-01T09:01:00Z\"}",
                "{\"session\":\"s4\",\"type\":\"purchase\",\"productId\":\"unknown\",\"timestamp\":\"2026-01-01T09:02:00Z\"}");

        PurchasePairs.Result result = read(events, Duration.ofHours(1));

        assertEquals(List.of(), result.pairs());
        assertEquals(4, result.purchases());
        assertEquals(3, result.withoutQuery());
        assertEquals(1, result.unknownProducts());
    }

    @Test
    void aMalformedEventIsNamedByItsLine() {
        String events =
                "{\"session\":\"s1\",\"type\":\"search\",\"query\":\"x\",\"timestamp\":\"2026-01-01T10:00:00Z\"}\n"
                        + "{\"session\":\"s1\",\"type\":\"purchase\",\"timestamp\":\"2026-01-01T10:00:00Z\"}";
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> read(events, Duration.ofHours(1)));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("productId"), e.getMessage());
        IllegalArgumentException time = assertThrows(
                IllegalArgumentException.class,
                () -> read(
                        "{\"session\":\"s\",\"type\":\"search\",\"query\":\"x\",\"timestamp\":\"yesterday\"}",
                        Duration.ofHours(1)));
        assertTrue(time.getMessage().contains("line 1") && time.getMessage().contains("timestamp"));
    }

    private static PurchasePairs.Result read(String events, Duration window) throws Exception {
        return PurchasePairs.read(new BufferedReader(new StringReader(events)), window, TEXTS);
    }
}
