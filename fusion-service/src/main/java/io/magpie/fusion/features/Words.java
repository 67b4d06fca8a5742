package io.magpie.fusion.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Lower-cased letter-and-digit words of a text, as the text-match features compare them: the runs of Unicode letters
 * (\p{L}) and of Unicode numbers (\p{N}), everything else separating them. Between a number and a letter is a
 * word boundary too: "32gb" is the words "32" and "gb", as in "32 GB".
 */
final class Words {

    private static final int SEPARATOR = 0;
    private static final int LETTER = 1;
    private static final int NUMBER = 2;

    private Words() {}

    /**
     * One pass over the lower-cased text's code points (the regular-expression split it replaces cost several times
     * more), with that split's one quirk kept so that no feature changes: its look-behind saw only the last UTF-16
     * unit, so after a letter or number outside the 16-bit range (e.g. a mathematical bold letter) there is no
     * letter-number boundary.
     */
    static List<String> all(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1; // where the current word began; -1 between words
        int previous = SEPARATOR;
        boolean previousWide = false;
        for (int i = 0; i < lower.length(); ) {
            int codePoint = lower.codePointAt(i);
            int kind = kind(codePoint);
            if (kind == SEPARATOR) {
                if (start >= 0) {
                    words.add(lower.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            } else if (kind != previous && !previousWide) {
                words.add(lower.substring(start, i));
                start = i;
            }
            previous = kind;
            previousWide = Character.charCount(codePoint) == 2;
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(lower.substring(start));
        }
        return words;
    }

    private static int kind(int codePoint) {
        if (codePoint < 128) { // ASCII, most of any catalogue's text
            if ((codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')) {
                return LETTER;
            }
            return codePoint >= '0' && codePoint <= '9' ? NUMBER : SEPARATOR;
        }
        if (Character.isLetter(codePoint)) {
            return LETTER;
        }
        return switch (Character.getType(codePoint)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            default -> SEPARATOR;
        };
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
