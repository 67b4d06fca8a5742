package io.magpie.retrieval.store;

/** Cuts text to a byte budget, as Milvus measures VARCHAR lengths in UTF-8 bytes. */
final class Utf8 {

    private Utf8() {}

    /**
     * The longest prefix of {@code text} whose UTF-8 encoding fits in {@code maxBytes}, never splitting a
     * character (a surrogate pair counts as one four-byte character).
     */
    static String truncate(String text, int maxBytes) {
        if (text == null) {
            return null;
        }
        // cheap exit: no string of n chars encodes to more than 3n bytes (pairs: 2 chars -> 4 bytes)
        if ((long) text.length() * 3 <= maxBytes) {
            return text;
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return i == text.length() ? text : text.substring(0, i);
    }
}
