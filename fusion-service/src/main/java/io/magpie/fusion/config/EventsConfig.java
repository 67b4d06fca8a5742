package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of behaviour-event ingest ({@code magpie.fusion.events.*}). */
@ConfigMapping(prefix = "magpie.fusion.events")
public interface EventsConfig {

    /** The most events one request may carry; more is a 413 and nothing is stored. */
    @WithDefault("1000")
    int maxBatchSize();

    /** The most bytes one request body may have; more is a 413 and nothing is stored. */
    @WithDefault("1M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    /** How far ahead of this server's clock an event's timestamp may be. */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** How far back an event's timestamp may be. */
    @WithDefault("3650d")
    Duration maxAge();

    /** Monthly partitions kept ready beyond the current month. */
    @WithDefault("3")
    int partitionsAhead();

    /** How long the catalogue may take to say which products it knows, before a batch is stored unchecked. */
    @WithDefault("500ms")
    Duration catalogueTimeout();

    /** How long a product the catalogue confirmed is remembered as known. */
    @WithDefault("10m")
    Duration knownProductsTtl();

    /** How many confirmed products are remembered at most. */
    @WithDefault("100000")
    int knownProductsMax();

    /** The longest id (event, user, session, product, request) accepted, in characters. */
    @WithDefault("200")
    int maxIdLength();
}
