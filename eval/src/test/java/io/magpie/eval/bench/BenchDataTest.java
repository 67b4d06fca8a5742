package io.magpie.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.catalog.Product;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDataTest {

    @Test
    void scientificTextSplitsIntoTitleCategoryAndBrandFromTheRight() {
        Product p = BenchData.scientificProduct(
                "B1",
                "Shop Fox D2255 8-Inch Wood Vise. Industrial & Scientific "
                        + "Industrial Power & Hand Tools Workholding Bench Vises. Shop Fox. ");
        assertEquals("Shop Fox D2255 8-Inch Wood Vise", p.title());
        assertEquals(
                List.of("Industrial & Scientific Industrial Power & Hand Tools Workholding Bench Vises"), p.category());
        assertEquals("Shop Fox", p.brand());

        Product noCategory = BenchData.scientificProduct("B2", "Exhaust Fan, 24 Diameter, 120 Volt. . TPI. ");
        assertEquals("Exhaust Fan, 24 Diameter, 120 Volt", noCategory.title());
        assertTrue(noCategory.category().isEmpty());
        assertEquals("TPI", noCategory.brand());

        Product noBrand = BenchData.scientificProduct("B3", "Lugs 8 AWG. Vol. 2. Industrial & Scientific Lugs. . ");
        assertEquals("Lugs 8 AWG. Vol. 2", noBrand.title());
        assertEquals(List.of("Industrial & Scientific Lugs"), noBrand.category());
        assertNull(noBrand.brand());

        assertEquals("Plain", BenchData.scientificProduct("B4", "Plain").title());
    }

    @Test
    void esciLineBecomesAProductWithItsVectorText() throws Exception {
        Product p = BenchData.esciProduct(new ObjectMapper().readTree("""
                {"asin": "B07", "title": "Bounty Paper Towels", "description": "", "bullet_points": "Strong\\n\\n Soft",
                 "brand": "Bounty", "color": null, "category": ["Home", "Paper"], "price": 9.5, "rating": 4.5,
                 "rating_count": 12}"""));
        assertEquals("B07", p.id());
        assertNull(p.description());
        assertEquals(List.of("Strong", "Soft"), p.bulletPoints());
        assertEquals("Bounty Paper Towels. Bounty. Home > Paper", p.embeddingText());
        assertEquals(12, p.ratingCount());
        assertEquals("X-B07", BenchData.withId(p, "X-B07").id());
        assertEquals(p.title(), BenchData.withId(p, "X-B07").title());
    }

    @Test
    void filesAreReadUpToTheLimit(@TempDir Path folder) throws Exception {
        Path text = folder.resolve("Scientific.text");
        Files.writeString(
                text,
                "item_id:token\ttext:token_seq\nA1\tOne. Industrial & Scientific X. B. \n"
                        + "A2\tTwo. . C. \nA3\tThree. . D. \n");
        assertEquals(
                List.of("A1", "A2"),
                BenchData.scientificProducts(text, 2).stream().map(Product::id).toList());

        Path queries = folder.resolve("queries.tsv");
        Files.writeString(queries, "query\npaper towels\n\n kindle \n");
        assertEquals(List.of("paper towels", "kindle"), BenchData.queries(queries));
        assertEquals(3, BenchData.lineCount(queries));
        assertEquals(-1, BenchData.lineCount(folder.resolve("absent")));
    }

    @Test
    void onlyPlainHttpOnThisMachineIsALoopbackTarget() {
        assertTrue(Loopback.isLoopback(URI.create("http://127.0.0.1:8080")));
        assertTrue(Loopback.isLoopback(URI.create("http://localhost:8081/")));
        assertTrue(Loopback.isLoopback(URI.create("http://[::1]:8080")));
        assertFalse(Loopback.isLoopback(URI.create("http://10.0.0.1:8080")));
        assertFalse(Loopback.isLoopback(URI.create("http://example.org")));
        assertFalse(Loopback.isLoopback(URI.create("https://127.0.0.1:8443")));
        assertFalse(Loopback.isLoopback(URI.create("file:///tmp")));
    }
}
