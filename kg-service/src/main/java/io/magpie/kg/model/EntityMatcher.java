package io.magpie.kg.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the brands, categories and attribute values a text names: a trie over the normalised words of every
 * entity ({@link TextTokens}), scanned left to right taking the longest match at each word, so "paper towels"
 * names the category "Paper Towels" and not a brand "Paper". Matching costs O(words x longest name), whatever the
 * dictionary's size. Immutable once built, so it is shared between threads.
 */
public final class EntityMatcher {

    /** Single words that name nothing on their own even if some brand is called that. */
    static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "at", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to", "with",
            "without", "new", "set", "pack", "women", "men", "kids");

    /**
     * A word found in a text and what it names.
     *
     * @param entity the brand, category or attribute value
     * @param text   the normalised words that named it
     */
    public record Mention(GraphEntity entity, String text) {}

    private final Node root = new Node();
    private final int size;

    /**
     * @param entities            the dictionary
     * @param minSingleWordLength single-word names shorter than this are left out
     */
    public EntityMatcher(Collection<GraphEntity> entities, int minSingleWordLength) {
        int added = 0;
        for (GraphEntity entity : entities) {
            List<String> words = TextTokens.of(entity.surface());
            if (words.isEmpty()
                    || words.size() == 1
                            && (words.get(0).length() < minSingleWordLength
                                    || STOP_WORDS.contains(words.get(0))
                                    || words.get(0).chars().allMatch(Character::isDigit))) {
                continue;
            }
            Node node = root;
            for (String word : words) {
                node = node.children.computeIfAbsent(word, w -> new Node());
            }
            if (node.entities.add(entity)) {
                added++;
            }
        }
        this.size = added;
    }

    /** How many entities can be matched. */
    public int size() {
        return size;
    }

    /** The entities the text names, in text order, at most {@code limit}; overlapping names go to the longest. */
    public List<Mention> match(String text, int limit) {
        List<String> words = TextTokens.of(text);
        List<Mention> mentions = new ArrayList<>();
        int i = 0;
        while (i < words.size() && mentions.size() < limit) {
            Node node = root;
            Node longest = null;
            int end = i;
            for (int j = i; j < words.size(); j++) {
                node = node.children.get(words.get(j));
                if (node == null) {
                    break;
                }
                if (!node.entities.isEmpty()) {
                    longest = node;
                    end = j + 1;
                }
            }
            if (longest == null) {
                i++;
                continue;
            }
            String named = String.join(" ", words.subList(i, end));
            for (GraphEntity entity : longest.entities) {
                if (mentions.size() < limit) {
                    mentions.add(new Mention(entity, named));
                }
            }
            i = end;
        }
        return mentions;
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        final Set<GraphEntity> entities = new LinkedHashSet<>(1);
    }
}
