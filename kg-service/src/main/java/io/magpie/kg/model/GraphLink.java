package io.magpie.kg.model;

import java.util.List;

/**
 * One path that leads from something the request gave (a named entity, a seed, a history item) to a candidate.
 *
 * @param origin      what the path starts from
 * @param position    the entity's, seed's or history item's position in the request (0 = first)
 * @param candidateId the product the path reaches
 * @param kind        the shape of the path
 * @param hops        for {@link Kind#RELATED}: the product-to-product relations, from the origin to the candidate
 * @param edgeWeight  the product of the edges' own weights (ALSO_BOUGHT); 1 when they have none
 * @param explanation the path as a person reads it
 */
public record GraphLink(
        Origin origin,
        int position,
        String candidateId,
        Kind kind,
        List<RelationType> hops,
        double edgeWeight,
        String explanation) {

    public enum Kind {
        /** The query names the candidate's brand. */
        MENTIONED_BRAND,
        /** The query names the candidate's category or one above it. */
        MENTIONED_CATEGORY,
        /** The query names one of the candidate's attribute values. */
        MENTIONED_ATTRIBUTE,
        /** Same leaf category as the origin product. */
        SAME_CATEGORY,
        /** Same brand as the origin product. */
        SAME_BRAND,
        /** Shares an attribute value with the origin product. */
        SAME_ATTRIBUTE,
        /** Reached through curated or behaviour relations ({@link #hops}). */
        RELATED
    }

    /** A path that is not a chain of product-to-product relations. */
    public static GraphLink of(Origin origin, int position, String candidateId, Kind kind, String explanation) {
        return new GraphLink(origin, position, candidateId, kind, List.of(), 1.0, explanation);
    }
}
