package io.magpie.eval.esci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** Converts a product line of the ESCI data set into Magpie's product JSON. */
public final class EsciProduct {

    private EsciProduct() {}

    public static ObjectNode toMagpie(JsonNode esci, ObjectNode product) {
        product.put("id", esci.path("asin").asText());
        product.put("title", esci.path("title").asText(""));
        putText(product, "description", esci.path("description"));
        var bullets = product.putArray("bulletPoints");
        Arrays.stream(esci.path("bullet_points").asText("").split("\n"))
                .map(String::strip)
                .filter(b -> !b.isEmpty())
                .forEach(bullets::add);
        putText(product, "brand", esci.path("brand"));
        putText(product, "color", esci.path("color"));
        var category = product.putArray("category");
        esci.path("category").forEach(c -> category.add(c.asText()));
        putNumber(product, "price", esci.path("price"));
        if (esci.path("price").isNumber()) {
            product.put("currency", "USD"); // the ESCI "us" locale: amazon.com prices
        }
        putNumber(product, "rating", esci.path("rating"));
        if (esci.path("rating_count").isNumber()) {
            product.put("ratingCount", esci.path("rating_count").asInt());
        }
        putText(product, "imageUrl", esci.path("image"));
        return product;
    }

    private static void putText(ObjectNode product, String field, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            product.put(field, value.asText());
        }
    }

    private static void putNumber(ObjectNode product, String field, JsonNode value) {
        if (value.isNumber()) {
            product.put(field, value.asDouble());
        }
    }
}
