package io.magpie.eval.search;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

    /** The storefront's fixed default since the learned-fusion work: weighted over dense and lexical. */
    public static final SearchStrategy TEXT_WEIGHTED = new SearchStrategy(
            "text-weighted",
            "dense,lexical",
            "weighted",
            "dense and lexical candidates, weighted score fusion (the fixed default)");

    /**
     * A search as a storefront makes it: every source, no strategy named, so the active learned model ranks (else the
     * configured fixed strategy). Asked for by name only, never part of the {@link #CATALOGUE}: it is not a fixed
     * strategy (fusion-eval pairs its models with the catalogue's), and a model trained on the reported queries would
     * score them in-sample. Its use is queries the model never saw.
     */
    public static final SearchStrategy STOREFRONT = new SearchStrategy(
            "storefront",
            ALL_SOURCES,
            null,
            "all sources, as a storefront searches: the active learned model, else the configured fixed strategy");

    public static Optional<SearchStrategy> byName(String name) {
        return known().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every name {@link #byName} knows, comma-separated, for help and error messages. */
    public static String names() {
        return String.join(", ", known().map(SearchStrategy::name).toList());
    }

    private static Stream<SearchStrategy> known() {
        return Stream.concat(CATALOGUE.stream(), Stream.of(TEXT_WEIGHTED, STOREFRONT));
    }
}
