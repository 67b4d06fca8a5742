package io.magpie.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GenerateCatalogueCommandTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void generatedCatalogueIsReproducibleAndComplete() {
        JsonNode first = GenerateCatalogueCommand.product(7, new Random(1), json.createObjectNode());
        JsonNode again = GenerateCatalogueCommand.product(7, new Random(1), json.createObjectNode());

        assertEquals(first, again);
        assertEquals("GEN000007", first.path("id").asText());
        assertEquals(3, first.path("category").size());
        assertFalse(first.path("title").asText().isBlank());
        assertFalse(first.path("description").asText().isBlank());
    }
}
