package io.magpie.kg.model;

/**
 * The relation types of the product graph, their ends and who writes them (see docs/adr/0011). Catalogue sync
 * rewrites only {@link Origin#CATALOGUE} relations; curated and behaviour relations survive a product re-sync and
 * go only with the product itself.
 */
public enum RelationType {
    IN_CATEGORY(NodeLabel.PRODUCT, NodeLabel.CATEGORY, Origin.CATALOGUE),
    CHILD_OF(NodeLabel.CATEGORY, NodeLabel.CATEGORY, Origin.CATALOGUE),
    MADE_BY(NodeLabel.PRODUCT, NodeLabel.BRAND, Origin.CATALOGUE),
    HAS(NodeLabel.PRODUCT, NodeLabel.ATTRIBUTE, Origin.CATALOGUE),
    /** {@code (accessory)-[:ACCESSORY_OF]->(main product)}: the case is an accessory of the phone. */
    ACCESSORY_OF(NodeLabel.PRODUCT, NodeLabel.PRODUCT, Origin.CURATED),
    /** Symmetric in meaning; stored once, traversed both ways. */
    COMPATIBLE_WITH(NodeLabel.PRODUCT, NodeLabel.PRODUCT, Origin.CURATED),
    /** {@code (substitute)-[:SUBSTITUTE_FOR]->(original)}. */
    SUBSTITUTE_FOR(NodeLabel.PRODUCT, NodeLabel.PRODUCT, Origin.CURATED),
    /** Mined from behaviour; carries {@code weight} (> 0, higher is stronger); traversed both ways. */
    ALSO_BOUGHT(NodeLabel.PRODUCT, NodeLabel.PRODUCT, Origin.BEHAVIOUR);

    /** Who writes a relation. */
    public enum Origin {
        /** Derived from catalogue fields by sync; rewritten on every product upsert. */
        CATALOGUE,
        /** Edited by people through the admin API. */
        CURATED,
        /** Written by jobs that mine behaviour data. */
        BEHAVIOUR
    }

    private final NodeLabel from;
    private final NodeLabel to;
    private final Origin origin;

    RelationType(NodeLabel from, NodeLabel to, Origin origin) {
        this.from = from;
        this.to = to;
        this.origin = origin;
    }

    public NodeLabel from() {
        return from;
    }

    public NodeLabel to() {
        return to;
    }

    public Origin origin() {
        return origin;
    }

    /** Product-to-product relations that expansion may follow from a seed to a candidate. */
    public boolean linksProducts() {
        return from == NodeLabel.PRODUCT && to == NodeLabel.PRODUCT;
    }
}
