package io.magpie.fusion.ranking.attention;

/**
 * Sizes of the attention model's input: how many sources, features per source, item features and request
 * context features. A model only scores inputs of the shape it was built with. Every part has at least one
 * feature (give a constant where there is nothing to say).
 *
 * @param sources   number of sources (dense, lexical, graph, ...), the attention's choices
 * @param perSource features of one candidate in one source (normalised score, reciprocal rank, ...)
 * @param items     features of the candidate itself (rating, price known, text match, ...)
 * @param context   features of the request (query length, what the graph recognised, ...)
 */
public record AttentionShape(int sources, int perSource, int items, int context) {

    public AttentionShape {
        if (sources < 1 || perSource < 1 || items < 1 || context < 1) {
            throw new IllegalArgumentException("attention shape needs sources >= 1, perSource >= 1, items >= 1 and"
                    + " context >= 1, got " + sources + "/" + perSource + "/" + items + "/" + context);
        }
    }
}
