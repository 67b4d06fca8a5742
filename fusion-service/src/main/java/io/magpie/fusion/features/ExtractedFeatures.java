package io.magpie.fusion.features;

import java.util.List;

/**
 * The features of every candidate of one request. Row {@code i} of each array belongs to {@code ids.get(i)}.
 *
 * @param schema    what the columns mean
 * @param ids       the candidates, in order of first appearance over the lists
 * @param perSource [candidate][source][per-source feature], for the attention model
 * @param context   the request's features, the same for every candidate
 * @param item      [candidate][item feature]
 * @param flat      [candidate][flat feature] = per-source block, context, item; for trees
 */
public record ExtractedFeatures(
        FeatureSchema schema,
        List<String> ids,
        float[][][] perSource,
        float[] context,
        float[][] item,
        float[][] flat) {

    public int size() {
        return ids.size();
    }
}
