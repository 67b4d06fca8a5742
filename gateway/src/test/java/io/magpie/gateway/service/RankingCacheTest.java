package io.magpie.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magpie.api.problem.ProblemException;
import io.magpie.gateway.model.FusedRanking;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RankingCacheTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final RankingKey key = RankingKey.search("Paper  Towels", List.of("lexical", "dense"), null, null, false);
    private final AtomicInteger rankings = new AtomicInteger();

    @Test
    void aKeptRankingServesEveryPageAndCountsHits() {
        RankingCache cache = new RankingCache(true, Duration.ofMinutes(5), Duration.ofSeconds(15), 10_000, metrics);
        FusedRanking first = cache.get(key, this::rank).await().indefinitely();
        RankingKey same = RankingKey.search("paper towels ", List.of("dense", "lexical"), null, null, false);
        assertSame(first, cache.get(same, this::rank).await().indefinitely());
        assertEquals(1, rankings.get());
        assertEquals(1, count("hit"));
        assertEquals(1, count("miss"));
    }

    @Test
    void aFailedRankingIsNotKept() {
        RankingCache cache = new RankingCache(true, Duration.ofMinutes(5), Duration.ofSeconds(15), 10_000, metrics);
        assertThrows(
                ProblemException.class,
                () -> cache.get(
                                key,
                                () -> Uni.createFrom()
                                        .failure(new ProblemException(503, "Service unavailable", "down")))
                        .await()
                        .indefinitely());
        cache.get(key, this::rank).await().indefinitely();
        assertEquals(1, rankings.get());
    }

    @Test
    void turnedOffItRanksEveryTime() {
        RankingCache cache = new RankingCache(false, Duration.ofMinutes(5), Duration.ofSeconds(15), 10_000, metrics);
        cache.get(key, this::rank).await().indefinitely();
        cache.get(key, this::rank).await().indefinitely();
        assertEquals(2, rankings.get());
        assertEquals(2, count("miss"));
    }

    private Uni<FusedRanking> rank() {
        rankings.incrementAndGet();
        return Uni.createFrom()
                .item(FusedRanking.of(SearchFacetCounterTest.randomRanking(new Random(1), 20), List.of(), 100));
    }

    private double count(String result) {
        return metrics.counter("magpie.search.ranking.cache", "result", result).count();
    }
}
