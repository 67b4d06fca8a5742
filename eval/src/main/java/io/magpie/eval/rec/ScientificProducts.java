package io.magpie.eval.rec;

import io.magpie.api.catalog.Product;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of {@code Scientific.text} as catalogue products. Each text is "title. category path. brand." with the
 * category path's levels run together, so the category is kept as one level.
 */
final class ScientificProducts {

    private static final int MAX_NAME = 512;

    private ScientificProducts() {}

    static List<Product> read(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("Scientific.text"), StandardCharsets.UTF_8);
        List<Product> products = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            products.add(parse(line.substring(0, tab).strip(), line.substring(tab + 1)));
        }
        return products;
    }

    /** Splits "title. category. brand." from the right: titles may hold ". " themselves. */
    static Product parse(String id, String text) {
        String rest = text.strip();
        if (rest.endsWith(".")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int brandAt = rest.lastIndexOf(". ");
        String brand = brandAt < 0 ? null : rest.substring(brandAt + 2).strip();
        rest = brandAt < 0 ? rest : rest.substring(0, brandAt);
        int categoryAt = rest.lastIndexOf(". ");
        String category = categoryAt < 0 ? null : rest.substring(categoryAt + 2).strip();
        String title =
                categoryAt < 0 ? rest.strip() : rest.substring(0, categoryAt).strip();
        if (title.isEmpty()) {
            title = id;
        }
        return new Product(
                id,
                title,
                "",
                List.of(),
                blankToNull(brand),
                null,
                category == null || category.isBlank() ? List.of() : List.of(cut(category)),
                null,
                null,
                null,
                null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : cut(value);
    }

    private static String cut(String value) {
        return value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME).strip();
    }
}
