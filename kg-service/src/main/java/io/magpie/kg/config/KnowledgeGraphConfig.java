package io.magpie.kg.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;

/** Settings of kg-service ({@code magpie.kg.*}). */
@ConfigMapping(prefix = "magpie.kg")
public interface KnowledgeGraphConfig {

    /**
     * How long start-up waits for Neo4j to become reachable, and for another replica's graph migration, before the
     * service gives up.
     */
    @WithDefault("60s")
    Duration startupWait();

    Expand expand();

    Upsert upsert();

    /** The longest a single Neo4j read transaction (an expansion) may run before the server aborts it. */
    @WithDefault("10s")
    Duration queryTimeout();

    /**
     * The longest a single Neo4j write transaction may run: a sync batch of max-batch-size products runs nine
     * statements, whose first planning alone takes seconds on a busy small machine.
     */
    @WithDefault("60s")
    Duration writeTimeout();

    /** The dictionary of brand, category and attribute names that query texts are matched against. */
    Dictionary dictionary();

    /**
     * How graph expansion scores candidates. A candidate's score is the sum over the paths that reach it of
     * origin weight x 1/(1 + position of the seed or history item) x path weight; a path through product-to-product
     * relations weighs the product of its relations' weights (ALSO_BOUGHT also times the edge's weight) times
     * hop-decay for each hop after the first.
     */
    interface Expand {

        /** Weight of a neighbour in the same leaf category as a seed. */
        @WithDefault("1.0")
        @PositiveOrZero
        double categoryWeight();

        /** Weight of a neighbour of the same brand as a seed. */
        @WithDefault("0.5")
        @PositiveOrZero
        double brandWeight();

        /** Weight of a neighbour sharing an attribute value with a seed; 0 skips the (broad) attribute links. */
        @WithDefault("0.0")
        @PositiveOrZero
        double attributeWeight();

        /** Weight of a curated ACCESSORY_OF hop. */
        @WithDefault("1.5")
        @PositiveOrZero
        double accessoryWeight();

        /** Weight of a curated COMPATIBLE_WITH hop. */
        @WithDefault("1.2")
        @PositiveOrZero
        double compatibleWeight();

        /** Weight of a curated SUBSTITUTE_FOR hop. */
        @WithDefault("1.2")
        @PositiveOrZero
        double substituteWeight();

        /** Weight of an ALSO_BOUGHT hop, multiplied by the edge's own weight. */
        @WithDefault("1.0")
        @PositiveOrZero
        double alsoBoughtWeight();

        /** The longest chain of product-to-product relations followed from a seed or history item. */
        @WithDefault("2")
        @Min(1)
        @Max(3)
        int maxHops();

        /** Factor for each product-to-product hop after the first. */
        @WithDefault("0.5")
        @PositiveOrZero
        double hopDecay();

        /** Origin weight of the seeds' paths. */
        @WithDefault("1.0")
        @PositiveOrZero
        double seedWeight();

        /** Origin weight of the history's paths. */
        @WithDefault("0.5")
        @PositiveOrZero
        double historyWeight();

        /** At most this many neighbours per seed and relation, so huge categories stay fast. */
        @WithDefault("200")
        @Min(1)
        @Max(100_000)
        int neighboursPerSeed();

        Query query();
    }

    /** Candidates from brands, categories and attribute values named in the query text. */
    interface Query {

        /** Weight of a product of a brand the query names. */
        @WithDefault("1.0")
        @PositiveOrZero
        double brandWeight();

        /** Weight of a product in a category the query names (or below it, see category-depth). */
        @WithDefault("0.8")
        @PositiveOrZero
        double categoryWeight();

        /** Weight of a product with an attribute value the query names. */
        @WithDefault("0.4")
        @PositiveOrZero
        double attributeWeight();

        /** How many levels below a named category its products are still taken (0 = that category only). */
        @WithDefault("3")
        @Min(0)
        @Max(8)
        int categoryDepth();

        /** At most this many products per named entity, so a query naming a huge brand stays fast. */
        @WithDefault("500")
        @Min(1)
        @Max(100_000)
        int productsPerEntity();

        /** At most this many entities taken from one query text (the longest matches first). */
        @WithDefault("8")
        @Min(1)
        @Max(64)
        int maxMentions();
    }

    interface Dictionary {

        /** Rebuilt at least this often, to see changes written by other replicas. */
        @WithDefault("60s")
        Duration refreshInterval();

        /** Single-word names shorter than this are not matched (a brand called "A" is noise, not intent). */
        @WithDefault("3")
        @Min(1)
        int minSingleWordLength();
    }

    /** Limits of product upserts. */
    interface Upsert {

        /** The most products one upsert request may carry. */
        @WithDefault("1000")
        @Min(1)
        int maxBatchSize();
    }
}
