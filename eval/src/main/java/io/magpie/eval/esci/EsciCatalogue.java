package io.magpie.eval.esci;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.catalog.Product;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The products of the ESCI subset ({@code products.jsonl}) as Magpie products, by id, in file order. */
public final class EsciCatalogue {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EsciCatalogue() {}

    public static Map<String, Product> read(Path dataset) throws IOException {
        Map<String, Product> products = new LinkedHashMap<>();
        try (BufferedReader reader =
                Files.newBufferedReader(dataset.resolve("products.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode esci = JSON.readTree(line);
                Product product = JSON.treeToValue(EsciProduct.toMagpie(esci, JSON.createObjectNode()), Product.class);
                products.put(product.id(), product);
            }
        }
        return products;
    }
}
