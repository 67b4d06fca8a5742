package io.magpie.fusion.ranking.trees;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained LambdaMART model ready to score: every candidate of a request in one batched call per member, and
 * per-feature contributions (XGBoost's SHAP values) as the explanation. A bagged model (ADR 0042) has several
 * members; its score and contributions are the members' means, plus the base margin.
 */
public final class TreeRanker implements AutoCloseable {

    private final List<Booster> members;
    private final int features;
    private final BaseMargin margin;
    private final boolean inplace;

    private TreeRanker(List<Booster> members, int features, BaseMargin margin) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one booster");
        }
        this.members = List.copyOf(members);
        this.features = features;
        this.margin = margin;
        this.inplace = supportsInplacePredict(members.get(0), features);
    }

    /** Trees score in place (no DMatrix copy); XGBoost's linear booster cannot, it goes through a DMatrix. */
    private static boolean supportsInplacePredict(Booster booster, int features) {
        try {
            booster.inplace_predict(new float[features], 1, features, Float.NaN);
            return true;
        } catch (XGBoostError e) {
            return false;
        }
    }

    /**
     * The model in XGBoost's UBJSON bytes, checked to read {@code features} features.
     *
     * @throws IllegalArgumentException when the bytes are not such a model (a corrupt or foreign file)
     */
    public static TreeRanker load(byte[] model, int features) {
        return load(model, features, null);
    }

    /**
     * As {@link #load(byte[], int)}, for a model boosted from a base margin (residual boosting; null for none),
     * which serving adds to the trees' output as training did.
     */
    public static TreeRanker load(byte[] model, int features, BaseMargin margin) {
        return load(List.of(model), features, margin);
    }

    /**
     * A model of one or more members (a bagged model: the refit first, then the inner-fold models), each in
     * XGBoost's UBJSON bytes; every member must read {@code features} features.
     *
     * @throws IllegalArgumentException when a member is not such a model; none stays loaded
     */
    public static TreeRanker load(List<byte[]> members, int features, BaseMargin margin) {
        if (margin != null && margin.index() >= features) {
            throw new IllegalArgumentException("its base margin reads column " + margin.index() + " of " + features);
        }
        List<Booster> loaded = new ArrayList<>(members.size());
        try {
            for (byte[] model : members) {
                Booster booster = XGBoost.loadModel(model);
                loaded.add(booster);
                // one request, one thread: OpenMP threads of concurrent requests would only wait for each other
                booster.setParam("nthread", 1);
                long modelFeatures = booster.getNumFeature();
                if (modelFeatures != features) {
                    throw new IllegalArgumentException(
                            "the model reads " + modelFeatures + " features, the schema has " + features);
                }
            }
            return new TreeRanker(loaded, features, margin);
        } catch (XGBoostError | IOException e) {
            loaded.forEach(Booster::dispose);
            throw new IllegalArgumentException("not a readable XGBoost model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            loaded.forEach(Booster::dispose);
            throw e;
        }
    }

    static TreeRanker of(Booster booster, int features, BaseMargin margin) {
        return of(List.of(booster), features, margin);
    }

    static TreeRanker of(List<Booster> members, int features, BaseMargin margin) {
        return new TreeRanker(members, features, margin);
    }

    /** Scores of all rows, in one call; higher is better. */
    public float[] score(float[][] flat) {
        if (flat.length == 0) {
            return new float[0];
        }
        try {
            float[] data = rowMajor(flat);
            float[] sums = new float[flat.length];
            for (Booster member : members) {
                float[][] predictions = inplace
                        ? member.inplace_predict(data, flat.length, features, Float.NaN)
                        : viaMatrix(member, data, flat.length);
                for (int i = 0; i < flat.length; i++) {
                    sums[i] += predictions[i][0];
                }
            }
            float[] scores = new float[flat.length];
            for (int i = 0; i < flat.length; i++) {
                scores[i] = sums[i] / members.size() + (margin == null ? 0 : margin.value(flat[i]));
            }
            return scores;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
        }
    }

    private float[][] viaMatrix(Booster member, float[] data, int rows) throws XGBoostError {
        DMatrix matrix = new DMatrix(data, rows, features, Float.NaN);
        try {
            return member.predict(matrix, true);
        } finally {
            matrix.dispose();
        }
    }

    /**
     * Per row, what each feature added to the score, then the bias as the last column; a row sums to its score
     * (a base margin counts for its feature).
     */
    public float[][] contributions(float[][] flat) {
        if (flat.length == 0) {
            return new float[0][];
        }
        DMatrix matrix = null;
        try {
            matrix = new DMatrix(rowMajor(flat), flat.length, features, Float.NaN);
            float[][] contributions = members.get(0).predictContrib(matrix, 0);
            for (int m = 1; m < members.size(); m++) {
                float[][] more = members.get(m).predictContrib(matrix, 0);
                for (int i = 0; i < flat.length; i++) {
                    for (int c = 0; c < contributions[i].length; c++) {
                        contributions[i][c] += more[i][c];
                    }
                }
            }
            if (members.size() > 1) {
                for (float[] row : contributions) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] /= members.size();
                    }
                }
            }
            if (margin != null) {
                for (int i = 0; i < flat.length; i++) {
                    contributions[i][margin.index()] += margin.value(flat[i]);
                }
            }
            return contributions;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to explain: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** The model in XGBoost's UBJSON format (a bagged model: its first member, the refit). */
    public byte[] bytes() {
        return ubj(members.get(0));
    }

    /** Every member in XGBoost's UBJSON format, in order (the refit first). */
    public List<byte[]> memberBytes() {
        return members.stream().map(TreeRanker::ubj).toList();
    }

    private static byte[] ubj(Booster booster) {
        try {
            return booster.toByteArray("ubj");
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to save the model: " + e.getMessage(), e);
        }
    }

    /** How many boosters the score averages: 1, or the members of a bagged model. */
    public int members() {
        return members.size();
    }

    /** Residual boosting's starting score; null for none. */
    public BaseMargin margin() {
        return margin;
    }

    public int features() {
        return features;
    }

    static float[] rowMajor(float[][] rows) {
        int columns = rows[0].length;
        float[] data = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * columns, columns);
        }
        return data;
    }

    @Override
    public void close() {
        members.forEach(Booster::dispose);
    }
}
