package io.magpie.eval.clicks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Simulated clicks: position bias is real in them, the swaps recover it, and weighting by it undoes it. */
class ClickSimulationTest {

    private static final int SHOWN = 10;

    @Test
    void swapInterventionsRecoverTheExaminationExponentWithoutLabels() {
        for (double eta : new double[] {0.5, 1.0, 1.5}) {
            ClickModel model = new ClickModel(eta, 0.8, 0.3, 0.1, 0.05);
            ClickLog log = ClickLog.simulate(rankings(200), labels(200), model, SHOWN, 300, 0.3, 11);
            double estimated = PropensityEstimate.fromSwaps(log, SHOWN).eta();
            assertEquals(eta, estimated, 0.15, "estimated exponent for " + eta);
        }
    }

    @Test
    void weightingByPropensityGradesAnExactProductLowInTheListAsExactAndPlainClicksDoNot() {
        ClickModel model = ClickModel.DEFAULT;
        ClickLog log = ClickLog.simulate(rankings(50), labels(50), model, SHOWN, 400, 0, 12);

        Map<String, Map<String, Integer>> plain = ClickLabels.uncorrected(log);
        Map<String, Map<String, Integer>> weighted = ClickLabels.weighted(log, model::propensity);
        // q0: p0 (rank 1) is exact, p7 (rank 8) is exact too, p3 (rank 4) is irrelevant
        assertEquals(3, plain.get("q0").get("p0"));
        assertEquals(0, plain.get("q0").get("p7"), "plain clicks bury the exact product at rank 8");
        assertEquals(3, weighted.get("q0").get("p7"), "weighting by 1/propensity restores it");
        assertEquals(0, weighted.get("q0").get("p3"));
        assertEquals(1, weighted.get("q0").get("p5"), "a substitute weighs as one");
    }

    @Test
    void noClicksAtTheTopIsNothingToEstimateFrom() {
        ClickModel never = new ClickModel(1, 0, 0, 0, 0);
        ClickLog log = ClickLog.simulate(rankings(5), labels(5), never, SHOWN, 10, 0.5, 13);
        assertThrows(IllegalArgumentException.class, () -> PropensityEstimate.fromSwaps(log, SHOWN));
    }

    private static Map<String, List<String>> rankings(int queries) {
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (int q = 0; q < queries; q++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add("p" + i);
            }
            rankings.put("q" + q, ids);
        }
        return rankings;
    }

    /** p0 and p7 exact, p5 a substitute, the rest irrelevant or unjudged. */
    private static Map<String, Map<String, String>> labels(int queries) {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        for (int q = 0; q < queries; q++) {
            labels.put("q" + q, Map.of("p0", "E", "p7", "E", "p5", "S", "p3", "I"));
        }
        return labels;
    }
}
