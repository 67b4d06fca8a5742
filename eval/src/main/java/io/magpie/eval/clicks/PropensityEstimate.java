package io.magpie.eval.clicks;

/**
 * Examination propensity by rank, estimated from swap interventions only (no labels, no knowledge of the
 * simulator): the product a normal session shows at rank 1 is shown at rank k in a swap(1, k) session, so its
 * click rate there over its click rate at rank 1 is {@code p_k / p_1} (its relevance cancels). The ratios are
 * fitted to a power law {@code p_k = k^-eta} (least squares on logarithms, weighted by clicks), one steady
 * parameter instead of one noisy ratio per rank.
 *
 * @param eta       the fitted exponent
 * @param ratios    per rank k (index k - 1), the raw ratio p_k / p_1 (NaN where no click was seen)
 * @param swapClicks per rank, clicks on the swapped-down product (how much evidence each ratio has)
 */
public record PropensityEstimate(double eta, double[] ratios, int[] swapClicks) {

    public double propensity(int rank) {
        return Math.pow(rank, -eta);
    }

    public static PropensityEstimate fromSwaps(ClickLog log, int shown) {
        double normalSessions = 0;
        double normalTopClicks = 0;
        double[] swapSessions = new double[shown + 1];
        int[] swapClicks = new int[shown + 1];
        for (var sessions : log.sessions().values()) {
            for (ClickLog.Session session : sessions) {
                if (session.swapped() == 0) {
                    normalSessions++;
                    normalTopClicks += session.clicked().length > 0 && session.clicked()[0] ? 1 : 0;
                } else {
                    int k = session.swapped();
                    swapSessions[k]++;
                    swapClicks[k] += session.clicked()[k - 1] ? 1 : 0;
                }
            }
        }
        if (normalTopClicks == 0) {
            throw new IllegalArgumentException("no clicks at rank 1 in normal sessions: nothing to compare with");
        }
        double topRate = normalTopClicks / normalSessions;
        double[] ratios = new double[shown];
        ratios[0] = 1;
        double sxy = 0;
        double sxx = 0;
        for (int k = 2; k <= shown; k++) {
            if (swapClicks[k] == 0 || swapSessions[k] == 0) {
                ratios[k - 1] = Double.NaN;
                continue;
            }
            ratios[k - 1] = (swapClicks[k] / swapSessions[k]) / topRate;
            double x = Math.log(k);
            double y = Math.log(ratios[k - 1]);
            sxy += swapClicks[k] * x * y;
            sxx += swapClicks[k] * x * x;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("no clicks in swap sessions: propensities cannot be estimated");
        }
        int[] clicks = new int[shown];
        System.arraycopy(swapClicks, 1, clicks, 0, shown);
        return new PropensityEstimate(Math.max(0, -sxy / sxx), ratios, clicks);
    }
}
