package io.magpie.fusion.features;

import io.magpie.api.fusion.ItemData;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One candidate's catalogue text as the text-match features read it, field by field, after {@link Words#stem}. It
 * depends on the item's text only (never on the query or the other candidates), so {@link ItemTextCache} keeps it
 * per product and {@link TextMatches} only looks words up in it.
 *
 * <p>A field's words matter as a set (is a query word in it), as counts (BM25) and, for the title, in order (word
 * pairs, the whole phrase). Stems are interned: products share most of their words, so a cache of many items holds
 * each word once.
 *
 * @param title    the title's stems, in order
 * @param titleTf  how often each stem occurs in the title
 * @param brand    the brand's stems
 * @param category the category path's stems
 * @param color    the colour's stems
 * @param bullets  how often each stem occurs in the bullet points
 * @param bulletsLength the bullet points' number of words
 * @param all      the stems of every field
 */
record ItemText(
        List<String> title,
        Map<String, Integer> titleTf,
        Set<String> brand,
        Set<String> category,
        Set<String> color,
        Map<String, Integer> bullets,
        int bulletsLength,
        Set<String> all) {

    /** The text fields of an item: what its analysed text depends on, and all it depends on. */
    record Source(String title, String brand, List<String> category, String color, List<String> bulletPoints) {

        static Source of(ItemData data) {
            return new Source(data.title(), data.brand(), data.category(), data.color(), data.bulletPoints());
        }
    }

    static ItemText of(Source source) {
        List<String> title = stems(source.title());
        Map<String, Integer> bullets =
                counts(stems(source.bulletPoints() == null ? null : String.join(" ", source.bulletPoints())));
        Set<String> brand = Set.copyOf(stems(source.brand()));
        Set<String> category =
                Set.copyOf(stems(source.category() == null ? null : String.join(" ", source.category())));
        Set<String> color = Set.copyOf(stems(source.color()));
        Map<String, Integer> titleTf = counts(title);
        Set<String> all = new HashSet<>(titleTf.keySet());
        all.addAll(brand);
        all.addAll(category);
        all.addAll(color);
        all.addAll(bullets.keySet());
        int bulletsLength =
                bullets.values().stream().mapToInt(Integer::intValue).sum();
        return new ItemText(title, titleTf, brand, category, color, bullets, bulletsLength, Set.copyOf(all));
    }

    private static List<String> stems(String text) {
        List<String> stems = Words.stems(text);
        stems.replaceAll(String::intern);
        return List.copyOf(stems);
    }

    private static Map<String, Integer> counts(List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        return Map.copyOf(counts);
    }
}
