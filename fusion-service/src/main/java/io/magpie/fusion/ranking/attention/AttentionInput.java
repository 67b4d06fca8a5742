package io.magpie.fusion.ranking.attention;

/**
 * The candidates of one request as the attention model reads them.
 *
 * @param sources per candidate and source, that source's features ({@code n x sources x perSource}); the values of
 *                an absent source are ignored
 * @param present per candidate and source, whether the source proposed the candidate ({@code n x sources}); absent
 *                sources are masked out of the attention
 * @param items   per candidate, its own features ({@code n x items})
 * @param context the request's features ({@code context}), shared by all candidates
 */
public record AttentionInput(float[][][] sources, boolean[][] present, float[][] items, float[] context) {

    /** Number of candidates. */
    public int size() {
        return sources == null ? 0 : sources.length;
    }

    /**
     * Checks that this input fits the shape and holds only finite numbers.
     *
     * @throws AttentionInputException naming the first field at fault
     */
    public void validate(AttentionShape shape) {
        if (sources == null || sources.length == 0) {
            throw new AttentionInputException("sources", "at least one candidate is needed");
        }
        int n = sources.length;
        requireLength("present", present, n);
        requireLength("items", items, n);
        requireLength("context", context, shape.context());
        for (int i = 0; i < n; i++) {
            requireLength("sources[" + i + "]", sources[i], shape.sources());
            requireLength("present[" + i + "]", present[i], shape.sources());
            for (int s = 0; s < shape.sources(); s++) {
                requireFinite("sources[" + i + "][" + s + "]", sources[i][s], shape.perSource());
            }
            requireFinite("items[" + i + "]", items[i], shape.items());
        }
        requireFinite("context", context, shape.context());
    }

    private static void requireLength(String field, Object array, int expected) {
        int length = array == null ? -1 : java.lang.reflect.Array.getLength(array);
        if (length != expected) {
            throw new AttentionInputException(
                    field, "expected " + expected + " values, got " + (length < 0 ? "none" : length));
        }
    }

    private static void requireFinite(String field, float[] values, int expected) {
        requireLength(field, values, expected);
        for (int f = 0; f < values.length; f++) {
            if (!Float.isFinite(values[f])) {
                throw new AttentionInputException(field + "[" + f + "]", "must be a finite number, got " + values[f]);
            }
        }
    }
}
