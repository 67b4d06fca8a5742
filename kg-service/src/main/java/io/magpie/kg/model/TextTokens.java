package io.magpie.kg.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The normalised words of a text, as both the dictionary and query texts are matched: lower case, accents removed,
 * split at everything that is not a letter or digit ("Home & Kitchen" -> home, kitchen; "Café" -> cafe).
 */
public final class TextTokens {

    private TextTokens() {}

    public static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            if (Character.isLetterOrDigit(c)) {
                token.appendCodePoint(c);
            } else if (!token.isEmpty()) {
                tokens.add(token.toString());
                token.setLength(0);
            }
            i += Character.charCount(c);
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}
