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

    /** How long start-up waits for Neo4j to become reachable before the service gives up. */
    @WithDefault("60s")
    Duration startupWait();

    Expand expand();

    Upsert upsert();

    /** The longest a single Neo4j transaction may run before the server aborts it. */
    @WithDefault("10s")
    Duration queryTimeout();

    /** How graph expansion scores neighbours. */
    interface Expand {

        /** Weight of a neighbour in the same leaf category as a seed. */
        @WithDefault("1.0")
        @PositiveOrZero
        double categoryWeight();

        /** Weight of a neighbour of the same brand as a seed. */
        @WithDefault("0.5")
        @PositiveOrZero
        double brandWeight();

        /** At most this many neighbours per seed and relation, so huge categories stay fast. */
        @WithDefault("200")
        @Min(1)
        @Max(100_000)
        int neighboursPerSeed();
    }

    /** Limits of product upserts. */
    interface Upsert {

        /** The most products one upsert request may carry. */
        @WithDefault("1000")
        @Min(1)
        int maxBatchSize();
    }
}
