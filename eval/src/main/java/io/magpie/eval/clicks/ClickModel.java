package io.magpie.eval.clicks;

/**
 * A position-based click model: a shopper examines rank {@code k} (1-based) with probability {@code 1 / k^eta}, and
 * clicks an examined product with a probability by its true grade; irrelevant products get noise clicks. Fixed
 * before any evaluation; the labels trained from its clicks never see the grades.
 *
 * @param eta        how fast examination falls with rank
 * @param exact      click probability of an examined E (exact) product
 * @param substitute of an S product
 * @param complement of a C product
 * @param noise      of an I or unjudged product
 */
public record ClickModel(double eta, double exact, double substitute, double complement, double noise) {

    public static final ClickModel DEFAULT = new ClickModel(1.0, 0.8, 0.3, 0.1, 0.05);

    public ClickModel {
        if (!(eta >= 0)
                || !probability(exact)
                || !probability(substitute)
                || !probability(complement)
                || !probability(noise)) {
            throw new IllegalArgumentException("eta >= 0 and click probabilities in [0, 1]");
        }
    }

    /** Examination probability of 1-based rank {@code k}. */
    public double propensity(int rank) {
        return Math.pow(rank, -eta);
    }

    /** Click probability of an examined product with this ESCI label (null: unjudged). */
    public double clickIfExamined(String esciLabel) {
        if (esciLabel == null) {
            return noise;
        }
        return switch (esciLabel) {
            case "E" -> exact;
            case "S" -> substitute;
            case "C" -> complement;
            default -> noise;
        };
    }

    private static boolean probability(double p) {
        return p >= 0 && p <= 1;
    }
}
