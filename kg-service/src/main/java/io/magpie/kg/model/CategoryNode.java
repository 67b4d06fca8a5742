package io.magpie.kg.model;

import io.magpie.api.catalog.CategoryPath;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code (:Category)} node, keyed by its full path from the root ("Home & Kitchen > Kitchen & Dining > Paper
 * Towels"), so that equal names under different parents stay different categories.
 *
 * @param path       full path, root first, joined by {@value CategoryPath#SEPARATOR}
 * @param name       the last element of the path
 * @param parentPath the parent's path, or null for a root category
 */
public record CategoryNode(String path, String name, String parentPath) {

    /** The nodes of a category path, root first; empty when there is no category. */
    public static List<CategoryNode> chain(List<String> names) {
        List<CategoryNode> chain = new ArrayList<>();
        String parent = null;
        for (String name : names) {
            String path = parent == null ? name : parent + CategoryPath.SEPARATOR + name;
            chain.add(new CategoryNode(path, name, parent));
            parent = path;
        }
        return chain;
    }

    /** The leaf's path, or null when there is no category. */
    public static String leafPath(List<String> names) {
        return names == null || names.isEmpty() ? null : CategoryPath.join(names);
    }
}
