package io.magpie.api.graph;

import java.util.List;

/**
 * The kinds of graph path that propose a candidate, as {@link io.magpie.api.retrieval.Candidate#paths()} names
 * them. Structured (unlike the reason text) so that ranking can use them as features; a ranker must treat a kind
 * it does not know as none of these (kg-service may add kinds).
 */
public final class GraphPaths {

    /** The query names the candidate's brand. */
    public static final String QUERY_NAMES_BRAND = "query-names-brand";
    /** The query names the candidate's category or one above it. */
    public static final String QUERY_NAMES_CATEGORY = "query-names-category";
    /** The query names one of the candidate's attribute values. */
    public static final String QUERY_NAMES_ATTRIBUTE = "query-names-attribute";
    /** Same leaf category as a seed or history product. */
    public static final String SHARED_CATEGORY = "shared-category";
    /** Same brand as a seed or history product. */
    public static final String SHARED_BRAND = "shared-brand";
    /** Shares an attribute value with a seed or history product. */
    public static final String SHARED_ATTRIBUTE = "shared-attribute";
    /** Reached from a seed or history product through curated or behaviour relations: the first relation's type. */
    public static final String ACCESSORY_OF = "ACCESSORY_OF";

    public static final String COMPATIBLE_WITH = "COMPATIBLE_WITH";
    public static final String SUBSTITUTE_FOR = "SUBSTITUTE_FOR";
    public static final String ALSO_BOUGHT = "ALSO_BOUGHT";

    /** Every kind, in a fixed order (feature schemas depend on it: append, never reorder). */
    public static final List<String> ALL = List.of(
            QUERY_NAMES_BRAND,
            QUERY_NAMES_CATEGORY,
            QUERY_NAMES_ATTRIBUTE,
            SHARED_CATEGORY,
            SHARED_BRAND,
            SHARED_ATTRIBUTE,
            ACCESSORY_OF,
            COMPATIBLE_WITH,
            SUBSTITUTE_FOR,
            ALSO_BOUGHT);

    private GraphPaths() {}
}
