package io.magpie.eval.clicks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated search sessions over logged rankings: each session shows a query's logged top list (the logging
 * policy's ranking), the shopper examines and clicks by the {@link ClickModel}. A share of sessions is a
 * randomised intervention that swaps rank 1 with a random rank k (Joachims et al. 2017), which is what lets the
 * examination propensities be estimated from the logs alone ({@link PropensityEstimate}).
 *
 * @param sessions per query, its sessions: what was shown (ids by position) and which positions were clicked
 */
public record ClickLog(Map<String, List<Session>> sessions) {

    /**
     * One session.
     *
     * @param shown   ids by position (index 0 = rank 1)
     * @param clicked per position, whether it was clicked
     * @param swapped the rank swapped with rank 1 in an intervention session; 0 in a normal one
     */
    public record Session(List<String> shown, boolean[] clicked, int swapped) {}

    /**
     * @param logged       per query, the logging policy's ranking (its top is shown)
     * @param labels       per query, ESCI labels by product id (the simulator's truth, never the learner's)
     * @param shown        positions shown per session
     * @param perQuery     sessions per query
     * @param swapShare    share of sessions that are swap interventions
     */
    public static ClickLog simulate(
            Map<String, List<String>> logged,
            Map<String, Map<String, String>> labels,
            ClickModel model,
            int shown,
            int perQuery,
            double swapShare,
            long seed) {
        Random random = new Random(seed);
        Map<String, List<Session>> all = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> query : logged.entrySet()) {
            List<String> top =
                    query.getValue().subList(0, Math.min(shown, query.getValue().size()));
            Map<String, String> truth = labels.getOrDefault(query.getKey(), Map.of());
            List<Session> sessions = new ArrayList<>(perQuery);
            for (int s = 0; s < perQuery; s++) {
                List<String> list = new ArrayList<>(top);
                int swapped = 0;
                if (list.size() > 1 && random.nextDouble() < swapShare) {
                    swapped = 2 + random.nextInt(list.size() - 1);
                    java.util.Collections.swap(list, 0, swapped - 1);
                }
                boolean[] clicked = new boolean[list.size()];
                for (int p = 0; p < list.size(); p++) {
                    boolean examined = random.nextDouble() < model.propensity(p + 1);
                    clicked[p] = examined && random.nextDouble() < model.clickIfExamined(truth.get(list.get(p)));
                }
                sessions.add(new Session(List.copyOf(list), clicked, swapped));
            }
            all.put(query.getKey(), sessions);
        }
        return new ClickLog(all);
    }

    public int clicks() {
        int clicks = 0;
        for (List<Session> sessions : this.sessions.values()) {
            for (Session session : sessions) {
                for (boolean c : session.clicked()) {
                    clicks += c ? 1 : 0;
                }
            }
        }
        return clicks;
    }
}
