package io.magpie.gateway.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.magpie.gateway.config.GatewayConfig;
import io.magpie.gateway.model.FusedRanking;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Fused rankings by normalised request, kept briefly so that every page of a request comes from one ranking.
 * Bounded by the number of items held; concurrent misses on one key make the ranking once; a failed ranking is
 * not kept, and one made while a branch was down only briefly, so the next shoppers get the healthy ranking soon. Hits and misses count in {@code magpie_search_ranking_cache_total{result}}.
 */
@ApplicationScoped
public class RankingCache {

    private final AsyncCache<RankingKey, FusedRanking> rankings;
    private final Counter hits;
    private final Counter misses;

    @Inject
    public RankingCache(GatewayConfig config, MeterRegistry metrics) {
        this(
                config.search().rankingCache().enabled(),
                config.search().rankingCache().expiry(),
                config.search().rankingCache().degradedExpiry(),
                config.search().rankingCache().maxItems(),
                metrics);
    }

    RankingCache(boolean enabled, Duration expiry, Duration degradedExpiry, long maxItems, MeterRegistry metrics) {
        this.rankings = enabled
                ? Caffeine.newBuilder()
                        .expireAfter(new KeptFor(expiry, degradedExpiry))
                        .maximumWeight(maxItems)
                        .<RankingKey, FusedRanking>weigher(
                                (key, ranking) -> ranking.items().size() + 1)
                        .buildAsync()
                : null;
        this.hits = metrics.counter("magpie.search.ranking.cache", "result", "hit");
        this.misses = metrics.counter("magpie.search.ranking.cache", "result", "miss");
    }

    /** The kept ranking of this request, or a new one made by {@code rank} (and kept). */
    public Uni<FusedRanking> get(RankingKey key, Supplier<Uni<FusedRanking>> rank) {
        if (rankings == null) {
            misses.increment();
            return rank.get();
        }
        boolean[] made = {false};
        var ranking = rankings.get(key, (k, executor) -> {
            made[0] = true;
            return rank.get().subscribeAsCompletionStage();
        });
        (made[0] ? misses : hits).increment();
        return Uni.createFrom().completionStage(ranking);
    }

    /** Forgets a ranking, so the next request ranks again. */
    public void forget(RankingKey key) {
        if (rankings != null) {
            rankings.synchronous().invalidate(key);
        }
    }

    /**
     * A healthy ranking is kept for {@code expiry}, a degraded one for {@code degradedExpiry}, from when it was made
     * (an async cache learns the value when its future completes, through create or update).
     */
    private record KeptFor(Duration expiry, Duration degradedExpiry) implements Expiry<RankingKey, FusedRanking> {

        @Override
        public long expireAfterCreate(RankingKey key, FusedRanking ranking, long now) {
            return (ranking.degraded().isEmpty() ? expiry : degradedExpiry).toNanos();
        }

        @Override
        public long expireAfterUpdate(RankingKey key, FusedRanking ranking, long now, long current) {
            return expireAfterCreate(key, ranking, now);
        }

        @Override
        public long expireAfterRead(RankingKey key, FusedRanking ranking, long now, long current) {
            return current;
        }
    }
}
