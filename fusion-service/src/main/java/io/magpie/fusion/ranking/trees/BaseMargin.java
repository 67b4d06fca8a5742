package io.magpie.fusion.ranking.trees;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A starting score for residual boosting: {@code scale x} one feature (e.g. the dense source's min-max score), so
 * the trees learn corrections to that feature's ranking instead of a ranking from nothing. Training passes it to
 * XGBoost as the base margin; serving adds it to the trees' output (XGBoost does not store it in the model).
 *
 * @param feature its name in the flat schema
 * @param index   its column in the flat vector
 * @param scale   how strongly the starting ranking counts against the trees' corrections
 */
public record BaseMargin(String feature, int index, double scale) {

    public BaseMargin {
        if (index < 0 || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("a base margin needs a feature column and a positive scale");
        }
    }

    /** The margin named {@code feature} in the flat names; unknown names are refused. */
    public static BaseMargin of(String feature, double scale, List<String> flatNames) {
        int index = flatNames.indexOf(feature);
        if (index < 0) {
            throw new IllegalArgumentException("base margin feature '" + feature + "' is not in the schema");
        }
        return new BaseMargin(feature, index, scale);
    }

    /** Read back from a model's stored parameters ({@link #describe()}); null when the model has none. */
    public static BaseMargin read(Object described, List<String> flatNames) {
        if (!(described instanceof Map<?, ?> map)) {
            return null;
        }
        Object feature = map.get("feature");
        Object scale = map.get("scale");
        if (!(feature instanceof String name) || !(scale instanceof Number number)) {
            throw new IllegalArgumentException("its base margin needs a feature name and a scale");
        }
        return of(name, number.doubleValue(), flatNames);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", feature);
        m.put("scale", scale);
        return m;
    }

    float value(float[] row) {
        return (float) (scale * row[index]);
    }

    float[] values(List<RankingGroup> groups) {
        int rows = groups.stream().mapToInt(g -> g.flat().length).sum();
        float[] margins = new float[rows];
        int at = 0;
        for (RankingGroup group : groups) {
            for (float[] row : group.flat()) {
                margins[at++] = value(row);
            }
        }
        return margins;
    }
}
