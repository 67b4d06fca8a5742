package io.magpie.fusion.collaborative;

import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.recs.CollaborativeTrainingJob;
import io.magpie.api.recs.CollaborativeTrainingRequest;
import io.magpie.api.recs.CollaborativeTrainingResult;
import io.magpie.api.retrieval.ItemVector;
import io.magpie.api.retrieval.ItemVectorActivation;
import io.magpie.api.retrieval.ItemVectorBatch;
import io.magpie.api.retrieval.ItemVectorVersion;
import io.magpie.api.retrieval.RetrievalClient;
import io.magpie.fusion.config.CollaborativeConfig;
import io.magpie.fusion.model.SignalEvent;
import io.magpie.fusion.store.SignalEventReader;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Trains the collaborative item vectors from the stored events (item2vec, or the DJL next-item model, over shoppers'
 * sequences; {@link CollaborativeConfig#model()} or the request chooses), writes them to
 * retrieval-service's {@code product_cf} as a new version and activates it; run as a job, on a schedule or by an
 * admin ({@link CollaborativeTrainingJobs}).
 */
@ApplicationScoped
public class CollaborativeTraining {

    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("'v'yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final int PAGE = 10_000;

    private final SignalEventReader reader;
    private final RetrievalClient retrieval;
    private final CollaborativeConfig config;

    public CollaborativeTraining(
            SignalEventReader reader, @RestClient RetrievalClient retrieval, CollaborativeConfig config) {
        this.reader = reader;
        this.retrieval = retrieval;
        this.config = config;
    }

    /**
     * Reads the events, trains, writes the vectors as a new version and serves it; {@code progress} hears after
     * every epoch. Callers run one at a time ({@link CollaborativeTrainingJobs}).
     */
    public Uni<CollaborativeTrainingResult> train(
            Plan parameters, String key, Consumer<CollaborativeTrainingJob.Progress> progress) {
        long started = System.nanoTime();
        InteractionSequences sequences = new InteractionSequences();
        return reader.now()
                .chain(now -> read(sequences, BEGINNING, "", now.minus(config.window())))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(done -> trained(sequences, parameters, progress))
                .chain(model -> publish(model, key)
                        .map(activation -> new CollaborativeTrainingResult(
                                parameters.model(),
                                activation.version(),
                                activation.previous(),
                                model.itemIds().size(),
                                model.shoppers(),
                                sequences.events(),
                                Math.round((System.nanoTime() - started) / 1e7) / 100.0,
                                Instant.now())));
    }

    /** The admin key sent to retrieval-service; 503 when none is configured. */
    public String retrievalKey() {
        // a comma-separated list (the deployment's admin keys) sends its first key
        return config.retrievalAdminKey()
                .map(keys -> "Bearer " + keys.split(",")[0].strip())
                .orElseThrow(
                        () -> new ProblemException(
                                503,
                                "Not configured",
                                "no admin key for retrieval-service is configured (magpie.fusion.collaborative.retrieval-admin-key)"));
    }

    /** A model chosen with its values: trains vectors from sequences, reporting each epoch as (epoch, epochs). */
    public record Plan(String model, int epochs, VectorTrainer trainer) {}

    /** Trains one vector per item (indexes {@code 0 .. items - 1}) from the sequences. */
    @FunctionalInterface
    public interface VectorTrainer {
        float[][] train(List<int[]> sequences, int items, NextItemModel.EpochListener progress);
    }

    /** Vectors of one training, items numbered as in {@code itemIds}. */
    private record Trained(List<String> itemIds, float[][] vectors, int shoppers) {}

    private Uni<Void> read(InteractionSequences sequences, OffsetDateTime from, String fromId, OffsetDateTime since) {
        return reader.page(from, fromId, since, PAGE).chain(page -> {
            page.forEach(sequences::add);
            if (page.size() < PAGE) {
                return Uni.createFrom().voidItem();
            }
            SignalEvent last = page.get(page.size() - 1);
            return read(sequences, last.receivedAt(), last.eventId(), since);
        });
    }

    private static Trained trained(
            InteractionSequences sequences, Plan plan, Consumer<CollaborativeTrainingJob.Progress> progress) {
        List<String> itemIds = new ArrayList<>();
        List<int[]> trainable = sequences.sequences(itemIds);
        if (trainable.isEmpty()) {
            throw new ProblemException(
                    422,
                    "Nothing to train on",
                    "no shopper has two or more items in the stored events of the training window");
        }
        int items = itemIds.size();
        progress.accept(new CollaborativeTrainingJob.Progress(0, plan.epochs(), trainable.size(), items));
        float[][] vectors = plan.trainer()
                .train(
                        trainable,
                        items,
                        (epoch, epochs) -> progress.accept(
                                new CollaborativeTrainingJob.Progress(epoch, epochs, trainable.size(), items)));
        return new Trained(itemIds, vectors, trainable.size());
    }

    /** Writes the vectors as a new version, then serves it: readers never see a half-written version. */
    private Uni<ItemVectorActivation> publish(Trained model, String key) {
        String version = VERSION.format(Instant.now()) + "_"
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        Uni<?> writes = Uni.createFrom().voidItem();
        for (int from = 0; from < model.itemIds().size(); from += config.writeBatchSize()) {
            List<ItemVector> batch = new ArrayList<>();
            for (int i = from; i < Math.min(model.itemIds().size(), from + config.writeBatchSize()); i++) {
                batch.add(new ItemVector(model.itemIds().get(i), model.vectors()[i]));
            }
            writes = writes.chain(() -> retrieval.writeItemVectors(key, new ItemVectorBatch(batch, version)));
        }
        return writes.chain(() -> retrieval.activateItemVectors(key, new ItemVectorVersion(version)));
    }

    /** The request's model and values, absent ones configured; 400 naming every value out of range. */
    public Plan parameters(CollaborativeTrainingRequest request) {
        FieldErrors errors = new FieldErrors();
        String model = request.model() == null ? config.model() : request.model();
        boolean nextItem = CollaborativeTrainingRequest.NEXT_ITEM.equals(model);
        if (!nextItem && !CollaborativeTrainingRequest.ITEM2VEC.equals(model)) {
            errors.add(
                    "model",
                    "must be " + CollaborativeTrainingRequest.ITEM2VEC + " or "
                            + CollaborativeTrainingRequest.NEXT_ITEM);
        }
        CollaborativeConfig.NextItem next = config.nextItem();
        int dimension = within(
                errors, "dimension", request.dimension(), nextItem ? next.dimension() : config.dimension(), 2, 512);
        int window = within(errors, "contextWindow", request.contextWindow(), config.contextWindow(), 1, 50);
        int negatives = within(errors, "negatives", request.negatives(), config.negatives(), 1, 50);
        int epochs = within(errors, "epochs", request.epochs(), nextItem ? next.maxEpochs() : config.epochs(), 1, 200);
        double configuredRate = nextItem ? next.learningRate() : config.learningRate();
        double rate = request.learningRate() == null ? configuredRate : request.learningRate();
        if (!(rate > 0 && rate <= 1)) {
            errors.add("learningRate", "must be above 0 and at most 1");
        }
        errors.throwIfAny();
        long seed = request.seed() == null ? config.seed() : request.seed();
        if (nextItem) {
            NextItemModel.Parameters parameters = new NextItemModel.Parameters(
                    dimension,
                    next.historyLength(),
                    next.recencyDecay(),
                    next.sampledNegatives(),
                    next.batchSize(),
                    epochs,
                    next.patience(),
                    rate,
                    next.weightDecay(),
                    next.temperature(),
                    seed);
            return new Plan(
                    model,
                    epochs,
                    (sequences, items, progress) -> new NextItemModel(parameters)
                            .train(sequences, items, progress)
                            .vectors());
        }
        ItemToVec.Parameters parameters = new ItemToVec.Parameters(dimension, window, negatives, epochs, rate, seed);
        return new Plan(
                model,
                epochs,
                (sequences, items, progress) ->
                        new ItemToVec(parameters).train(sequences, items, epoch -> progress.epoch(epoch, epochs)));
    }

    private static int within(FieldErrors errors, String field, Integer given, int configured, int min, int max) {
        int value = given == null ? configured : given;
        if (value < min || value > max) {
            errors.add(field, "must be " + min + " to " + max);
        }
        return value;
    }
}
