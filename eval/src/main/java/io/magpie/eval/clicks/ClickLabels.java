package io.magpie.eval.clicks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Training grades from clicks alone. A product's relevance is estimated as its clicks per session of its query,
 * each click weighted by 1 / (examination propensity of the position it was clicked at): with the true
 * propensities that is an unbiased estimate of its click probability when examined (inverse propensity
 * weighting); with every propensity 1 it is the plain, position-biased click-through rate. The estimate becomes
 * a grade on the labels' 0-3 scale as {@code round(4 x estimate)}, at most 3, fixed before any evaluation (an
 * examined exact product is clicked about 0.8 of the time: grade 3). Products never shown get 0: clicks say nothing
 * about them.
 */
public final class ClickLabels {

    static final double GRADE_SCALE = 4;
    static final int MAX_GRADE = 3;

    private ClickLabels() {}

    /** Without correction: clicks per session. */
    public static Map<String, Map<String, Integer>> uncorrected(ClickLog log) {
        return weighted(log, rank -> 1);
    }

    /** Inverse-propensity weighted by {@code propensity} of the 1-based rank. */
    public static Map<String, Map<String, Integer>> weighted(ClickLog log, IntToDoubleFunction propensity) {
        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        for (Map.Entry<String, List<ClickLog.Session>> query : log.sessions().entrySet()) {
            Map<String, Double> sums = new LinkedHashMap<>();
            for (ClickLog.Session session : query.getValue()) {
                for (int p = 0; p < session.shown().size(); p++) {
                    double weight = session.clicked()[p] ? 1 / propensity.applyAsDouble(p + 1) : 0;
                    sums.merge(session.shown().get(p), weight, Double::sum);
                }
            }
            int sessions = query.getValue().size();
            Map<String, Integer> byId = new LinkedHashMap<>();
            sums.forEach((id, sum) -> byId.put(id, grade(sum / sessions)));
            grades.put(query.getKey(), byId);
        }
        return grades;
    }

    static int grade(double estimate) {
        return (int) Math.min(MAX_GRADE, Math.round(GRADE_SCALE * estimate));
    }
}
