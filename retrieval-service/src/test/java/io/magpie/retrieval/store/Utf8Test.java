package io.magpie.retrieval.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void keepsTextThatFits() {
        String text = "Café du Monde";
        assertSame(text, Utf8.truncate(text, 100));
        assertEquals(text, Utf8.truncate(text, text.getBytes(StandardCharsets.UTF_8).length));
        assertNull(Utf8.truncate(null, 10));
    }

    @Test
    void cutsOnCharacterBoundaries() {
        // é is 2 bytes, 咖 3 bytes, 😀 4 bytes (a surrogate pair)
        assertEquals("Caf", Utf8.truncate("Café", 4));
        assertEquals("Café", Utf8.truncate("Café!", 5));
        assertEquals("a", Utf8.truncate("a咖啡", 3));
        assertEquals("a咖", Utf8.truncate("a咖啡", 4));
        assertEquals("x", Utf8.truncate("x😀y", 4));
        assertEquals("x😀", Utf8.truncate("x😀y", 5));
    }

    @Test
    void neverExceedsTheBudget() {
        String text = "Ünïcödé 😀 咖啡 ".repeat(500);
        for (int budget = 0; budget < 300; budget++) {
            String cut = Utf8.truncate(text, budget);
            assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= budget, "budget " + budget);
            assertTrue(text.startsWith(cut));
        }
    }
}
