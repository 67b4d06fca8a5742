package io.magpie.fusion.ranking.attention;

/**
 * What the model says about the candidates of one request, in input order.
 *
 * @param scores  one score per candidate; higher ranks first
 * @param weights attention weight per candidate and source (rows sum to 1 over the present sources, absent
 *                sources get 0; a candidate with no present source gets 0 everywhere): the explanation
 */
public record AttentionScores(float[] scores, float[][] weights) {}
