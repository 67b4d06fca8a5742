package io.magpie.fusion.ranking.attention;

/**
 * One candidate of a labelled query as the feature extractor gives it, for {@link TrainingQuery#of}.
 *
 * @param sources per source, its features of this candidate ({@code sources x perSource})
 * @param present per source, whether it proposed this candidate
 * @param items   the candidate's own features
 * @param gain    its graded label as a gain (ESCI: 1.0 / 0.1 / 0.01 / 0)
 */
public record LabelledCandidate(float[][] sources, boolean[] present, float[] items, float gain) {}
