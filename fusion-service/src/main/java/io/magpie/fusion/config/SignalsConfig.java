package io.magpie.fusion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Recommendation signals read from behaviour events ({@code magpie.fusion.signals.*}). */
@ConfigMapping(prefix = "magpie.fusion.signals")
public interface SignalsConfig {

    /** Whether this replica keeps the co-occurrence signal (each replica reads the events into its own memory). */
    @WithDefault("true")
    boolean enabled();

    /** How often new events are read into the co-occurrence signal; lag is about this plus the read time. */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * Each read looks this far back before the last one (events are stamped when their transaction starts, so one
     * that committed late may carry an earlier time); ids already counted are skipped.
     */
    @WithDefault("5s")
    Duration readOverlap();

    /** Events read per page. */
    @WithDefault("10000")
    int pageSize();

    /** Events older than this (by their timestamp) are not counted. */
    @WithDefault("365d")
    Duration window();

    /**
     * The signal is rebuilt from the events this often, dropping events deleted (privacy) or aged out of the window.
     */
    @WithDefault("6h")
    Duration rebuildInterval();

    /** A shopper's (user's, else session's) items paired with each new one: the most recent this many. */
    @WithDefault("50")
    int actorItems();

    /** Two items of a shopper further apart in time than this are not a pair. */
    @WithDefault("30d")
    Duration pairWindow();

    /**
     * Two items n positions apart in a shopper's sequence count {@code pair-decay^(n-1)}: neighbours count most
     * (chosen on the validation split of Amazon Scientific, docs/eval/rec-scientific-platform.md).
     */
    @WithDefault("0.7")
    double pairDecay();

    /** At query time the k-th most recent history item weighs {@code history-decay^k}. */
    @WithDefault("0.7")
    double historyDecay();

    /**
     * A history item's co-occurrences are divided by its own count to this power (1: the share of its shoppers
     * who also took the candidate; 0: raw counts, which favour items popular everywhere).
     */
    @WithDefault("1.0")
    double normalisationExponent();

    /** What an event of each type weighs in a pair (the weaker of the pair's two events counts). */
    @WithDefault("1")
    double viewWeight();

    @WithDefault("1")
    double clickWeight();

    @WithDefault("2")
    double addToCartWeight();

    @WithDefault("3")
    double purchaseWeight();

    /** Items of a user profile: the most recent this many distinct products. */
    @WithDefault("50")
    int profileItems();

    /** A user profile reads events of this period. */
    @WithDefault("365d")
    Duration profileWindow();
}
