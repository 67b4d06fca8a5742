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

    private TreeRanker(Booster booster, int features) {
        this.booster = booster;
        this.features = features;
    }

    /**
     * The model in XGBoost's UBJSON bytes, checked to read {@code features} features.
     *
     * @throws IllegalArgumentException when the bytes are not such a model (a corrupt or foreign file)
     */
    public static TreeRanker load(byte[] model, int features) {
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
            return new TreeRanker(booster, features);
        } catch (XGBoostError | IOException e) {
            throw new IllegalArgumentException("not a readable XGBoost model: " + e.getMessage(), e);
        }
    }

    static TreeRanker of(Booster booster, int features) {
        return new TreeRanker(booster, features);
    }

    /** Scores of all rows, in one call; higher is better. */
    public float[] score(float[][] flat) {
        if (flat.length == 0) {
            return new float[0];
        }
        try {
            float[][] predictions = booster.inplace_predict(rowMajor(flat), flat.length, features, Float.NaN);
            float[] scores = new float[flat.length];
            for (int i = 0; i < flat.length; i++) {
                scores[i] = predictions[i][0];
            }
            return scores;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
        }
    }

    /**
     * Per row, what each feature added to the score, then the bias as the last column; a row sums to its score.
     */
    public float[][] contributions(float[][] flat) {
        if (flat.length == 0) {
            return new float[0][];
        }
        DMatrix matrix = null;
        try {
            matrix = new DMatrix(rowMajor(flat), flat.length, features, Float.NaN);
            return booster.predictContrib(matrix, 0);
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
