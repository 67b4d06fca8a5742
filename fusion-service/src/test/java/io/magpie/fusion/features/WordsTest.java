package io.magpie.fusion.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pass tokeniser splits every text exactly as the regular expressions that define the words. */
class WordsTest {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern NUMBER_EDGES = Pattern.compile("(?<=\\p{N})(?=\\p{L})|(?<=\\p{L})(?=\\p{N})");

    /** Letters, numbers and separators of many kinds: accents, a dotted capital I, superscripts, Roman numerals,
     * CJK, marks, letters and digits outside the 16-bit range, an emoji, a lone surrogate. */
    private static final String[] PIECES = {
        "a", "Z", "q", "7", "0", " ", "  ", "-", ",", "\"", "'", "é", "É", "İ", "ß", "²", "½", "Ⅻ", "٣", "中", "ー",
        "\u0301", "\u00a0", "\t", "\n", "𝐀", "𝟙", "😀", "\ud800", "GB", "32gb", "USB-C", "x86_64", "Wi‑Fi"
    };

    @Test
    void wordsAreTheRunsOfLettersAndOfNumbers() {
        assertEquals(List.of("32", "gb", "sd", "cards", "2", "pack"), Words.all("32GB SD-Cards, 2-pack"));
        assertEquals(List.of(), Words.all(" \t"));
        assertEquals(List.of(), Words.all(null));
    }

    @Test
    void splitsAsTheDefiningRegularExpressions() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int p = random.nextInt(12); p > 0; p--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertEquals(byRegularExpressions(text.toString()), Words.all(text.toString()), text.toString());
        }
    }

    private static List<String> byRegularExpressions(String text) {
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
}
