package io.magpie.retrieval.client;

import io.magpie.api.catalog.Product;
import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.KnowledgeGraphClient;
import io.magpie.retrieval.config.RetrievalConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Keeps kg-service's Product nodes in step with the catalogue by pushing each stored batch synchronously.
 * The foundation's simple version: a transactional outbox replaces it later, so a kg-service outage no longer
 * fails ingest.
 */
@ApplicationScoped
public class GraphSync {

    private final KnowledgeGraphClient graph;
    private final boolean enabled;

    public GraphSync(@RestClient KnowledgeGraphClient graph, RetrievalConfig config) {
        this.graph = graph;
        this.enabled = config.graphSync().enabled();
    }

    public boolean enabled() {
        return enabled;
    }

    public Uni<Void> push(List<Product> products) {
        if (!enabled || products.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<GraphProduct> nodes = products.stream()
                .map(p -> new GraphProduct(p.id(), p.title(), p.brand(),
                        p.category() == null ? List.of() : p.category()))
                .toList();
        return graph.upsertProducts(nodes);
    }
}
