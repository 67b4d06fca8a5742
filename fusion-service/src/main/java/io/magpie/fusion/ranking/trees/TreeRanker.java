package io.magpie.fusion.ranking.trees;

import java.io.IOException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained LambdaMART model ready to score: every candidate of a request in one batched call, and per-feature
 * contributions (XGBoost's SHAP values) as the explanation.
 */
public final class TreeRanker implements AutoCloseable {

    private final Booster booster;
    private final int features;
    private final BaseMargin margin;
    private final boolean inplace;

    private TreeRanker(Booster booster, int features, BaseMargin margin) {
        this.booster = booster;
        this.features = features;
        this.margin = margin;
        this.inplace = supportsInplacePredict(booster, features);
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
        try {
            Booster booster = XGBoost.loadModel(model);
            // one request, one thread: OpenMP threads of concurrent requests would only wait for each other
            booster.setParam("nthread", 1);
            long modelFeatures = booster.getNumFeature();
            if (modelFeatures != features) {
                booster.dispose();
                throw new IllegalArgumentException(
                        "the model reads " + modelFeatures + " features, the schema has " + features);
            }
            if (margin != null && margin.index() >= features) {
                booster.dispose();
                throw new IllegalArgumentException(
                        "its base margin reads column " + margin.index() + " of " + features);
            }
            return new TreeRanker(booster, features, margin);
        } catch (XGBoostError | IOException e) {
            throw new IllegalArgumentException("not a readable XGBoost model: " + e.getMessage(), e);
        }
    }

    static TreeRanker of(Booster booster, int features, BaseMargin margin) {
        return new TreeRanker(booster, features, margin);
    }

    /** Scores of all rows, in one call; higher is better. */
    public float[] score(float[][] flat) {
        if (flat.length == 0) {
            return new float[0];
        }
        try {
            float[][] predictions = inplace
                    ? booster.inplace_predict(rowMajor(flat), flat.length, features, Float.NaN)
                    : viaMatrix(flat);
            float[] scores = new float[flat.length];
            for (int i = 0; i < flat.length; i++) {
                scores[i] = predictions[i][0] + (margin == null ? 0 : margin.value(flat[i]));
            }
            return scores;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
        }
    }

    private float[][] viaMatrix(float[][] flat) throws XGBoostError {
        DMatrix matrix = new DMatrix(rowMajor(flat), flat.length, features, Float.NaN);
        try {
            return booster.predict(matrix, true);
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
            float[][] contributions = booster.predictContrib(matrix, 0);
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

    /** The model in XGBoost's UBJSON format. */
    public byte[] bytes() {
        try {
            return booster.toByteArray("ubj");
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to save the model: " + e.getMessage(), e);
        }
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
        booster.dispose();
    }
}
