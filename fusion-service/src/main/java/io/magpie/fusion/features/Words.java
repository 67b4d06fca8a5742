package io.magpie.fusion.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Lower-cased letter-and-digit words of a text, as the text-match features compare them. */
final class Words {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Between a digit and a letter: "32gb" is the words "32" and "gb", as in "32 GB". */
    private static final Pattern NUMBER_EDGES = Pattern.compile("(?<=\\p{N})(?=\\p{L})|(?<=\\p{L})(?=\\p{N})");

    private Words() {}

    static List<String> all(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.addAll(List.of(NUMBER_EDGES.split(word)));
            }
        }
        return words;
    }

    static List<String> distinct(String text) {
        return List.copyOf(new LinkedHashSet<>(all(text)));
    }

    /** The words of a text, each {@link #stem stemmed}, in order. */
    static List<String> stems(String text) {
        List<String> words = all(text);
        List<String> stems = new ArrayList<>(words.size());
        words.forEach(w -> stems.add(stem(w)));
        return stems;
    }

    /**
     * A plural's singular, crudely ("towels" -> "towel", "boxes" -> "box", "batteries" -> "battery"): shoppers and
     * titles differ most often by number. Words of three letters or fewer, "-ss" and words with digits stay.
     */
    static String stem(String word) {
        if (word.length() <= 3 || hasDigit(word) || word.endsWith("ss") || !word.endsWith("s")) {
            return word;
        }
        if (word.endsWith("ies") && word.length() > 4) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("xes") || word.endsWith("sses")) {
            return word.substring(0, word.length() - 2);
        }
        return word.substring(0, word.length() - 1);
    }

    static boolean hasDigit(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code part} occurs in {@code words} as a contiguous run. */
    static boolean containsSequence(List<String> words, List<String> part) {
        return !part.isEmpty() && java.util.Collections.indexOfSubList(words, part) >= 0;
    }
}
