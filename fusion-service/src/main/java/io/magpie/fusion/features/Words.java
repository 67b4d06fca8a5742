package io.magpie.fusion.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Lower-cased letter-and-digit words of a text, as the text-match features compare them. */
final class Words {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Words() {}

    static List<String> all(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    static List<String> distinct(String text) {
        return List.copyOf(new LinkedHashSet<>(all(text)));
    }

    /** Share of the query words that occur in the field's words; 0 without query words. */
    static double fractionFound(List<String> queryWords, List<String> fieldWords) {
        if (queryWords.isEmpty() || fieldWords.isEmpty()) {
            return 0;
        }
        Set<String> field = new HashSet<>(fieldWords);
        long found = queryWords.stream().filter(field::contains).count();
        return (double) found / queryWords.size();
    }
}
