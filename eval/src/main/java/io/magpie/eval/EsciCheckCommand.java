package io.magpie.eval;

import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.esci.EsciJudgements;
import io.magpie.eval.http.GatewayClient;
import io.magpie.eval.metrics.RankingMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The foundation's quality check: how many ESCI queries have an exact (E) product in the top k of a search.
 * Exits 1 when fewer than {@code --min} do.
 */
@Command(
        name = "esci-check",
        mixinStandardHelpOptions = true,
        description = "Count ESCI queries with an exact (E) product in the top k of a Magpie search.")
public class EsciCheckCommand implements Callable<Integer> {

    @Mixin
    GatewayOption gateway;

    @Option(
            names = "--dataset",
            defaultValue = "../shared/datasets/esci-subset",
            description = "folder with queries.tsv and labels.tsv")
    Path dataset;

    @Option(names = "--k", defaultValue = "10", description = "depth of the top")
    int k;

    @Option(names = "--min", defaultValue = "90", description = "fewest queries that must pass")
    int min;

    @Option(names = "--sources", description = "comma-separated sources (default: the gateway's; needs a trusted key)")
    String sources;

    @Mixin
    KeyOptions key;

    @Override
    public Integer call() throws Exception {
        EsciJudgements judgements = EsciJudgements.read(dataset);
        GatewayClient client = new GatewayClient(gateway.uri(), key.keyOrNull());
        int withExact = 0;
        for (String query : judgements.queries()) {
            List<String> top = client.searchIds(query, k, sources);
            if (RankingMetrics.hit(top, judgements.relevance(query), k) > 0) {
                withExact++;
            } else {
                System.out.printf("no E product in the top %d: %s%n", k, query);
            }
        }
        int total = judgements.queries().size();
        System.out.printf(
                "ESCI check: %d of %d queries have an E product in the top %d (sources: %s; need %d)%n",
                withExact, total, k, sources == null ? "all" : sources, min);
        return withExact >= min ? 0 : 1;
    }
}
