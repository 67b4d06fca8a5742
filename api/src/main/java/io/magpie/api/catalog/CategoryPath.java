package io.magpie.api.catalog;

import java.util.Arrays;
import java.util.List;

/** How a category path is written as one text everywhere: levels root first, joined by {@value #SEPARATOR}. */
public final class CategoryPath {

    /** Between two levels of a written path, e.g. {@code Electronics > Headphones}. */
    public static final String SEPARATOR = " > ";

    private CategoryPath() {}

    public static String join(List<String> levels) {
        return String.join(SEPARATOR, levels);
    }

    /** The levels of a written path, each stripped; empty levels are kept so callers can refuse them. */
    public static List<String> split(String path) {
        return Arrays.stream(path.split(SEPARATOR.strip(), -1))
                .map(String::strip)
                .toList();
    }
}
