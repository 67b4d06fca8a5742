package io.magpie.fusion.collaborative;

import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
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
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Trains the collaborative item vectors from the stored events (item2vec over shoppers' sequences), writes them to
 * retrieval-service's {@code product_cf} as a new version and activates it, on a schedule and on an admin trigger.
 * One training at a time per replica.
 */
@ApplicationScoped
public class CollaborativeTraining {

    private static final Logger LOG = Logger.getLogger(CollaborativeTraining.class);
    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("'v'yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final int PAGE = 10_000;

    private final SignalEventReader reader;
    private final RetrievalClient retrieval;
    private final CollaborativeConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();

    public CollaborativeTraining(
            SignalEventReader reader, @RestClient RetrievalClient retrieval, CollaborativeConfig config, Vertx vertx) {
        this.reader = reader;
        this.retrieval = retrieval;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.enabled() && config.retrievalAdminKey().isPresent()) {
            vertx.setPeriodic(
                    config.interval().toMillis(),
                    id -> train(CollaborativeTrainingRequest.DEFAULTS)
                            .subscribe()
                            .with(
                                    done -> LOG.infof("collaborative vectors trained: %s", done),
                                    failure -> LOG.warn("cannot train the collaborative vectors", failure)));
        }
    }

    /** Trains with these values (absent ones configured) and serves the result; 409 while a training runs. */
    public Uni<CollaborativeTrainingResult> train(CollaborativeTrainingRequest request) {
        ItemToVec.Parameters parameters = parameters(request == null ? CollaborativeTrainingRequest.DEFAULTS : request);
        // a comma-separated list (the deployment's admin keys) sends its first key
        String key = config.retrievalAdminKey()
                .map(keys -> "Bearer " + keys.split(",")[0].strip())
                .orElseThrow(
                        () -> new ProblemException(
                                503,
                                "Not configured",
                                "no admin key for retrieval-service is configured (magpie.fusion.collaborative.retrieval-admin-key)"));
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom()
                    .failure(new ProblemException(
                            409, "Conflict", "a training of the collaborative vectors is running"));
        }
        long started = System.nanoTime();
        InteractionSequences sequences = new InteractionSequences();
        return reader.now()
                .chain(now -> read(sequences, BEGINNING, "", now.minus(config.window())))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(done -> trained(sequences, parameters))
                .chain(model -> publish(model, key)
                        .map(activation -> new CollaborativeTrainingResult(
                                activation.version(),
                                activation.previous(),
                                model.itemIds().size(),
                                model.shoppers(),
                                sequences.events(),
                                Math.round((System.nanoTime() - started) / 1e7) / 100.0,
                                Instant.now())))
                .eventually(() -> running.set(false));
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

    private static Trained trained(InteractionSequences sequences, ItemToVec.Parameters parameters) {
        List<String> itemIds = new ArrayList<>();
        List<int[]> trainable = sequences.sequences(itemIds);
        if (trainable.isEmpty()) {
            throw new ProblemException(
                    409, "Conflict", "no shopper has two or more items in the stored events: nothing to train on");
        }
        return new Trained(itemIds, new ItemToVec(parameters).train(trainable, itemIds.size()), trainable.size());
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

    private ItemToVec.Parameters parameters(CollaborativeTrainingRequest request) {
        FieldErrors errors = new FieldErrors();
        int dimension = within(errors, "dimension", request.dimension(), config.dimension(), 2, 512);
        int window = within(errors, "contextWindow", request.contextWindow(), config.contextWindow(), 1, 50);
        int negatives = within(errors, "negatives", request.negatives(), config.negatives(), 1, 50);
        int epochs = within(errors, "epochs", request.epochs(), config.epochs(), 1, 200);
        double rate = request.learningRate() == null ? config.learningRate() : request.learningRate();
        if (!(rate > 0 && rate <= 1)) {
            errors.add("learningRate", "must be above 0 and at most 1");
        }
        errors.throwIfAny();
        return new ItemToVec.Parameters(
                dimension, window, negatives, epochs, rate, request.seed() == null ? config.seed() : request.seed());
    }

    private static int within(FieldErrors errors, String field, Integer given, int configured, int min, int max) {
        int value = given == null ? configured : given;
        if (value < min || value > max) {
            errors.add(field, "must be " + min + " to " + max);
        }
        return value;
    }
}
