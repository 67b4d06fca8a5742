package io.magpie.eval.esci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EsciProductTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void convertsAnEsciLineToMagpieProductJson() throws Exception {
        JsonNode esci = json.readTree("""
                {"title": "Bounty Paper Towels", "description": "", "bullet_points": "Strong\\n\\nAbsorbent ",
                 "brand": "Bounty", "color": null, "image": "https://example.org/a.jpg", "price": null,
                 "category": ["Health & Household", "Paper Towels"], "rating": 4.8, "rating_count": 120,
                 "is_book": false, "asin": "B07XYZ"}""");

        JsonNode product = EsciProduct.toMagpie(esci, json.createObjectNode());

        assertEquals("B07XYZ", product.path("id").asText());
        assertEquals("Bounty Paper Towels", product.path("title").asText());
        assertEquals(
                List.of("Strong", "Absorbent"),
                List.of(
                        product.path("bulletPoints").get(0).asText(),
                        product.path("bulletPoints").get(1).asText()));
        assertEquals(2, product.path("bulletPoints").size());
        assertEquals("Paper Towels", product.path("category").get(1).asText());
        assertFalse(product.has("description"), "empty descriptions are left out");
        assertFalse(product.has("price"), "unknown prices are left out, not zero");
        assertFalse(product.has("color"));
        assertEquals(120, product.path("ratingCount").asInt());
    }
}
