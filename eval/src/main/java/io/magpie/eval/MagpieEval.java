package io.magpie.eval;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Offline tools that use a running Magpie only through its public API, like any client would. */
@Command(
        name = "magpie-eval",
        mixinStandardHelpOptions = true,
        version = "magpie-eval 0.1",
        description = "Loads data into a running Magpie and measures its search quality.",
        subcommands = {
            IngestCommand.class,
            GenerateCatalogueCommand.class,
            EsciCheckCommand.class,
            io.magpie.eval.search.SearchEvalCommand.class,
            io.magpie.eval.search.SearchCompareCommand.class,
            io.magpie.eval.bench.BenchSearchCommand.class,
            io.magpie.eval.bench.BenchRecommendationsCommand.class,
            io.magpie.eval.bench.BenchEncoderCommand.class,
            io.magpie.eval.bench.BenchIngestCommand.class,
            io.magpie.eval.bench.BenchEventsCommand.class,
            io.magpie.eval.rec.RecEvalCommand.class,
            io.magpie.eval.finetune.FineTuneCommand.class,
            io.magpie.eval.finetune.FineTuneEvalCommand.class,
            io.magpie.eval.kg.BenchKgCommand.class,
            io.magpie.eval.fusion.FusionEvalCommand.class,
            io.magpie.eval.fusion.FusionTrainCommand.class,
            io.magpie.eval.fusion.FusionClicksCommand.class,
            io.magpie.eval.keys.KeysCommand.class
        })
public class MagpieEval {

    public static void main(String[] args) {
        System.exit(new CommandLine(new MagpieEval()).execute(args));
    }
}
