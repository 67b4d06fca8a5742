package io.magpie.api.retrieval;

import java.util.List;

/** Names of the candidate sources, as they appear in requests, responses and metrics. */
public final class Sources {

    public static final String DENSE = "dense";
    public static final String LEXICAL = "lexical";
    public static final String GRAPH = "graph";
    /** Products like one product (text vectors); not a search source. */
    public static final String SIMILAR = "similar";
    /** Items near a shopper's history (collaborative vectors); not a search source. */
    public static final String COLLABORATIVE = "collaborative";
    /** Products shoppers act on most lately (fusion-service, decayed counts of behaviour events). */
    public static final String POPULARITY = "popularity";
    /** Items shoppers acted on together with a history's items (fusion-service, from behaviour events). */
    public static final String COOCCURRENCE = "cooccurrence";

    public static final List<String> ALL = List.of(DENSE, LEXICAL, GRAPH);

    private Sources() {}
}
