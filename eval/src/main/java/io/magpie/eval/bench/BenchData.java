package io.magpie.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.catalog.Product;
import io.magpie.eval.esci.EsciProduct;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Inputs of the benchmarks, read from the evaluation data sets. */
final class BenchData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchData() {}

    /** The queries of {@code queries.tsv} (header {@code query}), blank lines skipped. */
    static List<String> queries(Path queriesTsv) throws IOException {
        try (Stream<String> lines = Files.lines(queriesTsv, StandardCharsets.UTF_8)) {
            return lines.skip(1).map(String::strip).filter(q -> !q.isEmpty()).toList();
        }
    }

    /** Non-blank lines of a file, or -1 when it is absent. */
    static long lineCount(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    /** The first {@code limit} products of the ESCI {@code products.jsonl}, as Magpie products. */
    static List<Product> esciProducts(Path productsJsonl, int limit) throws IOException {
        List<Product> products = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(productsJsonl, StandardCharsets.UTF_8)) {
            String line;
            while (products.size() < limit && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    products.add(esciProduct(JSON.readTree(line)));
                }
            }
        }
        return products;
    }

    /** An ESCI product line as a Magpie product, converted as the demo catalogue's loader converts it. */
    static Product esciProduct(JsonNode esci) throws IOException {
        return JSON.treeToValue(EsciProduct.toMagpie(esci, JSON.createObjectNode()), Product.class);
    }

    /**
     * The first {@code limit} items of the Amazon Scientific {@code Scientific.text} (a header, then
     * {@code item_id <tab> text}) as Magpie products.
     */
    static List<Product> scientificProducts(Path scientificText, int limit) throws IOException {
        List<Product> products = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(scientificText, StandardCharsets.UTF_8)) {
            reader.readLine();
            String line;
            while (products.size() < limit && (line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    products.add(scientificProduct(line.substring(0, tab), line.substring(tab + 1)));
                }
            }
        }
        return products;
    }

    /**
     * One item of {@code Scientific.text}, whose text is {@code "<title>. <category path>. <brand>. "} with
     * category or brand possibly empty ({@code "<title>. . <brand>. "}). Read from the right, since titles may
     * contain ". " themselves. The category path is one string there (its levels are not separable), so it becomes
     * a one-level category.
     */
    static Product scientificProduct(String id, String text) {
        String fields = text;
        if (fields.endsWith(". ")) {
            fields = fields.substring(0, fields.length() - 2);
        } else if (fields.endsWith(".")) {
            fields = fields.substring(0, fields.length() - 1);
        }
        int brandAt = fields.lastIndexOf(". ");
        if (brandAt < 0) {
            return new Product(id, fields.strip(), null, List.of(), null, null, List.of(), null, null, null, null);
        }
        String brand = fields.substring(brandAt + 2).strip();
        String head = fields.substring(0, brandAt);
        int categoryAt = head.lastIndexOf(". ");
        String title = categoryAt < 0 ? head : head.substring(0, categoryAt);
        String category = categoryAt < 0 ? "" : head.substring(categoryAt + 2).strip();
        return new Product(
                id,
                title.strip(),
                null,
                List.of(),
                brand.isEmpty() ? null : brand,
                null,
                category.isEmpty() ? List.of() : List.of(category),
                null,
                null,
                null,
                null);
    }

    /** The same product under another id. */
    static Product withId(Product product, String id) {
        return new Product(
                id,
                product.title(),
                product.description(),
                product.bulletPoints(),
                product.brand(),
                product.color(),
                product.category(),
                product.attributes(),
                product.price(),
                product.currency(),
                product.rating(),
                product.ratingCount(),
                product.inStock(),
                product.imageUrl(),
                product.updatedAt(),
                product.version());
    }
}
