package io.magpie.fusion.ranking.attention;

/**
 * One labelled query: its candidates as the model reads them and a graded gain per candidate (ESCI: exact 1.0,
 * substitute 0.1, complement 0.01, irrelevant 0).
 *
 * @param input the candidates, as served
 * @param gains one gain per candidate, finite and >= 0
 */
public record TrainingQuery(AttentionInput input, float[] gains) {

    /**
     * A query from its request context and its candidates one by one, the extractor's natural output; checked
     * against the shape when training starts.
     */
    public static TrainingQuery of(float[] context, java.util.List<LabelledCandidate> candidates) {
        int n = candidates.size();
        float[][][] sources = new float[n][][];
        boolean[][] present = new boolean[n][];
        float[][] items = new float[n][];
        float[] gains = new float[n];
        for (int i = 0; i < n; i++) {
            LabelledCandidate candidate = candidates.get(i);
            sources[i] = candidate.sources();
            present[i] = candidate.present();
            items[i] = candidate.items();
            gains[i] = candidate.gain();
        }
        return new TrainingQuery(new AttentionInput(sources, present, items, context), gains);
    }

    /** Checks the input against the shape and the gains against the candidates. */
    void validate(AttentionShape shape, int index) {
        try {
            input.validate(shape);
        } catch (AttentionInputException e) {
            throw new AttentionInputException(
                    "queries[" + index + "]." + e.errors().get(0).field(),
                    e.errors().get(0).message());
        }
        if (gains == null || gains.length != input.size()) {
            throw new AttentionInputException(
                    "queries[" + index + "].gains",
                    "expected one gain per candidate (" + input.size() + "), got "
                            + (gains == null ? "none" : gains.length));
        }
        for (int i = 0; i < gains.length; i++) {
            if (!Float.isFinite(gains[i]) || gains[i] < 0) {
                throw new AttentionInputException(
                        "queries[" + index + "].gains[" + i + "]", "must be a finite number >= 0, got " + gains[i]);
            }
        }
    }

    /** Whether any candidate is relevant: a query without one has nothing to teach a listwise loss. */
    boolean hasPositive() {
        for (float gain : gains) {
            if (gain > 0) {
                return true;
            }
        }
        return false;
    }
}
