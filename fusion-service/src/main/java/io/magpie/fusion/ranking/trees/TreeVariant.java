package io.magpie.fusion.ranking.trees;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way of fitting the learned ranker, fixed before any evaluation; the trainer compares them by
 * cross-validation inside the training queries and keeps the best (ADR 0025). About 80 training queries per fold
 * overfit plain trees, so the variants trade flexibility for steadiness: residual boosting from the dense score
 * (trees learn corrections to the strongest single feature), stronger regularisation, monotone scores, fewer
 * features, and a linear ranker.
 *
 * @param name       how requests and reports name it
 * @param parameters tree (or linear) hyper-parameters
 * @param linear     XGBoost's linear booster (coordinate descent) instead of trees
 * @param margin     residual boosting's starting score; null for none
 * @param increasing features whose larger values may only raise the score (monotone constraints)
 * @param kept       prefixes of the features the model may read; empty for all (others are zeroed in training,
 *                   so no tree splits on them)
 */
public record TreeVariant(
        String name,
        TreeParameters parameters,
        boolean linear,
        BaseMargin margin,
        List<String> increasing,
        List<String> kept) {

    /** Chooses among {@link #catalogue} by inner cross-validation. */
    public static final String AUTO = "auto";

    /** The dense source's min-max score: the strongest single feature on ESCI with BGE. */
    static final String DENSE_MINMAX = "dense.score_minmax";

    /** Starting-score scale: a few times the size of the corrections early rounds of eta 0.05 make. */
    static final double MARGIN_SCALE = 4;

    /** Scores of the text sources that should only help a candidate (absent is 0, the lowest value). */
    static final List<String> HELPING_SCORES = List.of(
            "dense.score",
            "dense.score_minmax",
            "dense.reciprocal_rank",
            "lexical.score",
            "lexical.score_minmax",
            "lexical.reciprocal_rank");

    /** The steady features: the three search sources and how the query matches the item's text. */
    static final List<String> STEADY_FEATURES = List.of("dense.", "lexical.", "graph.", "query_", "graph_path.");

    public TreeVariant {
        increasing = List.copyOf(increasing);
        kept = List.copyOf(kept);
    }

    /**
     * The variants, from the configured tree parameters; {@code plain} is those parameters alone.
     *
     * @param flatNames the feature schema's flat names (for the margin's and constraints' columns)
     */
    public static List<TreeVariant> catalogue(TreeParameters base, List<String> flatNames) {
        TreeParameters regularised = new TreeParameters(
                2, 0.03, 20, 0.7, 0.5, 20, base.maxRounds() * 2, base.validationFolds(), base.seed());
        TreeParameters linear =
                new TreeParameters(1, 0.1, 0, 1, 1, 1, base.maxRounds(), base.validationFolds(), base.seed());
        BaseMargin dense = BaseMargin.of(DENSE_MINMAX, MARGIN_SCALE, flatNames);
        List<String> none = List.of();
        return List.of(
                new TreeVariant("plain", base, false, null, none, none),
                new TreeVariant("regularised", regularised, false, null, none, none),
                new TreeVariant("monotone", base, false, null, HELPING_SCORES, none),
                new TreeVariant("steady-features", base, false, null, none, STEADY_FEATURES),
                new TreeVariant("residual", base, false, dense, none, none),
                new TreeVariant("residual-regularised", regularised, false, dense, HELPING_SCORES, none),
                new TreeVariant("linear", linear, true, null, none, none));
    }

    /** The variant named, or (for {@value #AUTO}) all of them. */
    public static Optional<List<TreeVariant>> named(String name, TreeParameters base, List<String> flatNames) {
        List<TreeVariant> all = catalogue(base, flatNames);
        if (name == null || name.isBlank() || AUTO.equals(name)) {
            return Optional.of(all);
        }
        return all.stream().filter(v -> v.name().equals(name)).findFirst().map(List::of);
    }

    public static List<String> names(TreeParameters base, List<String> flatNames) {
        List<String> names = new ArrayList<>();
        names.add(AUTO);
        catalogue(base, flatNames).forEach(v -> names.add(v.name()));
        return names;
    }

    /** XGBoost's parameters. */
    Map<String, Object> xgboost(int threads, List<String> flatNames) {
        Map<String, Object> params = parameters.xgboost(threads);
        if (linear) {
            params.keySet()
                    .removeAll(
                            List.of("tree_method", "max_depth", "min_child_weight", "subsample", "colsample_bytree"));
            params.put("booster", "gblinear");
            params.put("updater", "coord_descent");
            params.put("feature_selector", "cyclic");
        }
        if (!increasing.isEmpty()) {
            StringBuilder constraints = new StringBuilder("(");
            for (int i = 0; i < flatNames.size(); i++) {
                constraints.append(i == 0 ? "" : ",").append(increasing.contains(flatNames.get(i)) ? 1 : 0);
            }
            params.put("monotone_constraints", constraints.append(')').toString());
        }
        return params;
    }

    /** Per column, whether the model may read it. */
    boolean[] readable(List<String> flatNames) {
        boolean[] readable = new boolean[flatNames.size()];
        for (int i = 0; i < readable.length; i++) {
            String feature = flatNames.get(i);
            readable[i] = kept.isEmpty() || kept.stream().anyMatch(feature::startsWith);
        }
        return readable;
    }

    /** What a stored version records of how it was fit. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", name);
        m.put("booster", linear ? "gblinear" : "gbtree");
        m.put("objective", "rank:ndcg");
        if (!linear) {
            m.put("maxDepth", parameters.maxDepth());
            m.put("minChildWeight", parameters.minChildWeight());
            m.put("subsample", parameters.subsample());
            m.put("colsampleByTree", parameters.colsampleByTree());
        }
        m.put("eta", parameters.eta());
        m.put("lambda", parameters.lambda());
        m.put("maxRounds", parameters.maxRounds());
        m.put("validationFolds", parameters.validationFolds());
        m.put("seed", parameters.seed());
        if (margin != null) {
            m.put("baseMargin", margin.describe());
        }
        if (!increasing.isEmpty()) {
            m.put("monotoneIncreasing", increasing);
        }
        if (!kept.isEmpty()) {
            m.put("keptFeaturePrefixes", kept);
        }
        return m;
    }
}
