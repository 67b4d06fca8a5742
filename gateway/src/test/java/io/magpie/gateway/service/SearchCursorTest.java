package io.magpie.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magpie.api.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchCursorTest {

    @Test
    void roundTripsTheRequestAsSent() {
        SearchParameters sent = new SearchParameters(
                "paper towels",
                20,
                "price_asc",
                "Home > Kitchen",
                List.of("Bounty", "Viva"),
                List.of("10-25"),
                null,
                "40",
                "4",
                "true",
                false,
                null,
                null,
                null,
                null);
        SearchCursor cursor = new SearchCursor(sent, 40, -1234567890123L);
        assertEquals(cursor, SearchCursor.decode(cursor.encode()));
    }

    @Test
    void aTokenItDidNotMakeIsA400NamingTheCursor() {
        for (String bad : List.of("not base64 !", "eyJ4IjoxfQ", "x".repeat(9000))) {
            ProblemException problem = assertThrows(ProblemException.class, () -> SearchCursor.decode(bad));
            assertEquals(400, problem.status());
            assertEquals("cursor", problem.errors().get(0).field());
        }
    }

    @Test
    void priceBucketsReadAndWriteTheFacetValue() {
        assertEquals(new PriceRange(10, 25.0), PriceRange.parse("10-25", "price"));
        assertEquals("10-25", new PriceRange(10, 25.0).value());
        assertEquals("500-", PriceRange.parse("500-", "price").value());
        for (String bad : List.of("25-10", "-5", "a-b", "10", "NaN-")) {
            assertEquals(
                    "price",
                    assertThrows(ProblemException.class, () -> PriceRange.parse(bad, "price"))
                            .errors()
                            .get(0)
                            .field());
        }
    }
}
