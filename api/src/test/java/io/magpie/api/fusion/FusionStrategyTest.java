package io.magpie.api.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FusionStrategyTest {

    @Test
    void namesTravelInLowerCaseAndParseInAnyCase() {
        assertEquals("weighted", FusionStrategy.WEIGHTED.json());
        assertEquals(FusionStrategy.MAX, FusionStrategy.fromJson("MAX"));
        assertEquals(FusionStrategy.RRF, FusionStrategy.fromJson("rrf"));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FusionStrategy.fromJson("magic"));
        assertTrue(e.getMessage().contains("[rrf, weighted, max, model]"), e.getMessage());
    }
}
