package io.magpie.eval.search;

import java.util.List;
import java.util.Optional;

/**
 * One way of searching that {@code search-eval} measures: which candidate sources the gateway asks and how it fuses
 * them.
 *
 * @param name        the label in reports and on the command line
 * @param sources     the gateway's {@code sources} parameter (comma-separated)
 * @param fusion      the gateway's {@code strategy} parameter; null for the gateway's default (single-source rankings,
 *                    which any fusion leaves in their order)
 * @param description one line for the reports
 */
public record SearchStrategy(String name, String sources, String fusion, String description) {

    private static final String ALL_SOURCES = "dense,lexical,graph";

    /**
     * Everything the platform offers, in report order. A fusion strategy the running gateway does not know yet is
     * reported as unavailable, so adding one is a line here.
     */
    public static final List<SearchStrategy> CATALOGUE = List.of(
            new SearchStrategy("lexical", "lexical", null, "lexical (BM25) candidates only"),
            new SearchStrategy("dense", "dense", null, "dense (sentence-encoder) candidates only"),
            new SearchStrategy("graph", "graph", null, "knowledge-graph expansion candidates only"),
            new SearchStrategy(
                    "text-rrf",
                    "dense,lexical",
                    "rrf",
                    "dense and lexical candidates, reciprocal rank fusion (against rrf: what the graph adds)"),
            new SearchStrategy("rrf", ALL_SOURCES, "rrf", "all sources, reciprocal rank fusion"),
            new SearchStrategy("weighted", ALL_SOURCES, "weighted", "all sources, weighted score fusion"),
            new SearchStrategy("max", ALL_SOURCES, "max", "all sources, max score fusion"));

    public static Optional<SearchStrategy> byName(String name) {
        return CATALOGUE.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The names in the catalogue, comma-separated, for help and error messages. */
    public static String names() {
        return String.join(", ", CATALOGUE.stream().map(SearchStrategy::name).toList());
    }
}
