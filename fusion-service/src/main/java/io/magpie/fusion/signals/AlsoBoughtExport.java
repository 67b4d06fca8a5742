package io.magpie.fusion.signals;

import io.magpie.api.graph.AlsoBoughtEdge;
import io.magpie.api.graph.KnowledgeGraphClient;
import io.magpie.fusion.config.AlsoBoughtConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Sends the co-occurrence signal's strongest bought-together pairs to kg-service as ALSO_BOUGHT links
 * ({@code PUT /v1/graph/also-bought}), so the graph's complements and the admin console see them. A link's weight is
 * the pair's strength and replaces the one sent before; pairs that fall out of the top are not removed (kg-service
 * has no removal of mined links) and keep their last weight.
 */
@ApplicationScoped
public class AlsoBoughtExport {

    private static final Logger LOG = Logger.getLogger(AlsoBoughtExport.class);

    private final CooccurrenceSignal cooccurrence;
    private final KnowledgeGraphClient graph;
    private final AlsoBoughtConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();

    public AlsoBoughtExport(
            CooccurrenceSignal cooccurrence,
            @RestClient KnowledgeGraphClient graph,
            AlsoBoughtConfig config,
            Vertx vertx) {
        this.cooccurrence = cooccurrence;
        this.graph = graph;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.enabled()) {
            vertx.setPeriodic(
                    config.interval().toMillis(),
                    id -> export().subscribe()
                            .with(
                                    sent -> LOG.infof("sent %d ALSO_BOUGHT links to kg-service", sent),
                                    failure -> LOG.warn("cannot send ALSO_BOUGHT links to kg-service", failure)));
        }
    }

    /** Sends the pairs now, in batches; answers how many links were sent (0 while another export runs). */
    public Uni<Integer> export() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return Uni.createFrom().deferred(this::send).eventually(() -> running.set(false));
    }

    private Uni<Integer> send() {
        List<AlsoBoughtEdge> edges = cooccurrence.boughtTogether(config.perItem(), config.minSupport()).stream()
                .map(pair -> new AlsoBoughtEdge(pair.productId(), pair.otherId(), pair.strength()))
                .toList();
        Uni<Void> sends = Uni.createFrom().voidItem();
        for (int from = 0; from < edges.size(); from += config.batchSize()) {
            List<AlsoBoughtEdge> batch = edges.subList(from, Math.min(edges.size(), from + config.batchSize()));
            sends = sends.chain(() -> graph.putAlsoBought(batch));
        }
        return sends.replaceWith(edges.size());
    }
}
