package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Decayed popularity computed from behaviour events ({@code magpie.fusion.popularity.*}). */
@ConfigMapping(prefix = "magpie.fusion.popularity")
public interface PopularityConfig {

    /** Whether this replica recomputes popularity on a schedule (replicas take turns through a database lock). */
    @WithDefault("true")
    boolean enabled();

    /** How often popularity is recomputed; its age is the metric magpie_popularity_lag_seconds. */
    @WithDefault("60s")
    Duration refreshInterval();

    /** An event counts half as much after this time, a quarter after twice this time, and so on. */
    @WithDefault("7d")
    Duration halfLife();

    /** Events older than this are left out (after 8 half-lives an event counts less than 1/256). */
    @WithDefault("56d")
    Duration window();

    /** What one event of each type adds (before decay): stronger signals of interest count more. */
    @WithDefault("1")
    double viewWeight();

    @WithDefault("2")
    double clickWeight();

    @WithDefault("4")
    double addToCartWeight();

    @WithDefault("8")
    double purchaseWeight();

    /** The most candidates one request may ask for. */
    @WithDefault("500")
    int maxSize();
}
