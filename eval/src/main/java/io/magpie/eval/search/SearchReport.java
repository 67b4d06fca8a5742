package io.magpie.eval.search;

import io.magpie.eval.metrics.Bootstrap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one {@code search-eval} run measured; the report writers render it and {@code search-esci.json} is its
 * JSON form.
 *
 * @param generatedAt when the run ended (ISO-8601)
 * @param gateway     the gateway measured
 * @param dataset     the data set folder
 * @param size        results asked per search
 * @param protocol    how the figures are computed
 * @param strategies  one result per strategy, in the order asked
 * @param comparison  the paired comparison, null when none was asked
 */
public record SearchReport(
        String generatedAt,
        String gateway,
        String dataset,
        int size,
        Protocol protocol,
        List<StrategyResult> strategies,
        Comparison comparison) {

    /**
     * @param gains      the gain scheme
     * @param relevant   what counts as relevant for recall and reciprocal rank
     * @param metrics    the metric names, in column order
     * @param averaging  which queries the means run over
     * @param resamples  bootstrap resamples
     * @param seed       bootstrap seed
     * @param confidence interval coverage
     */
    public record Protocol(
            String gains,
            String relevant,
            List<String> metrics,
            String averaging,
            int resamples,
            long seed,
            double confidence) {}

    /**
     * @param name              strategy name
     * @param sources           the gateway's sources parameter
     * @param fusion            the gateway's strategy parameter, null for its default
     * @param description       one line
     * @param available         false when the gateway refused the strategy (400)
     * @param unavailableReason the gateway's explanation when not available
     * @param failedQueries     searches that failed otherwise (scored as empty rankings)
     * @param degradedQueries   searches in which the gateway named a degraded source
     * @param seconds           wall time of the strategy's searches
     * @param means             metric name to mean with its interval
     * @param queries           per-query results, in query file order
     */
    public record StrategyResult(
            String name,
            String sources,
            String fusion,
            String description,
            boolean available,
            String unavailableReason,
            int failedQueries,
            int degradedQueries,
            double seconds,
            Map<String, Bootstrap.Estimate> means,
            List<QueryResult> queries) {}

    /**
     * @param query    the query text
     * @param returned how many items the search answered
     * @param top      the first ids of the answer (at most {@link #TOP_IDS}), best first
     * @param degraded sources the gateway named degraded for this search
     * @param error    why the search failed, null when it did not
     * @param scores   metric name to the query's value
     */
    public record QueryResult(
            String query,
            int returned,
            List<String> top,
            List<String> degraded,
            String error,
            Map<String, Double> scores) {

        /** How many ids of each answer the report keeps. */
        public static final int TOP_IDS = 10;
    }

    /**
     * A paired comparison of strategy A against B over the same queries (differences are A - B).
     *
     * @param a       strategy A
     * @param b       strategy B
     * @param note    why there are no figures (a strategy missing or unavailable), null when there are
     * @param metrics metric name to its comparison
     */
    public record Comparison(String a, String b, String note, Map<String, Bootstrap.Comparison> metrics) {}

    public Optional<StrategyResult> strategy(String name) {
        return strategies.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
