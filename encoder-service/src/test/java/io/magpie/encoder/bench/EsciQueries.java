package io.magpie.encoder.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The ESCI subset's search queries, each once, in file order: the short texts the query benchmarks encode. */
final class EsciQueries {

    private EsciQueries() {}

    /** @param root the repository root; the data sets lie beside it, in {@code ../shared/datasets} */
    static List<String> distinct(Path root) throws IOException {
        try (Stream<String> lines = Files.lines(root.resolve("../shared/datasets/esci-subset/queries.tsv"))) {
            return lines.skip(1)
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .distinct()
                    .toList();
        }
    }
}
