package io.magpie.retrieval.client;

import io.magpie.api.catalog.Product;
import io.magpie.api.graph.GraphProduct;
import io.magpie.api.graph.GraphProductDeletion;
import io.magpie.api.graph.KnowledgeGraphClient;
import io.magpie.retrieval.config.RetrievalConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Delivers catalogue changes to kg-service with their versions, so that the graph ignores a stale or repeated
 * delivery. Called by the outbox worker and the reindex, never on the ingest's request path.
 */
@ApplicationScoped
public class GraphSync {

    private final KnowledgeGraphClient graph;
    private final boolean enabled;
    private final int batchSize;

    public GraphSync(@RestClient KnowledgeGraphClient graph, RetrievalConfig config) {
        this.graph = graph;
        this.enabled = config.graphSync().enabled();
        this.batchSize = config.graphSync().batchSize();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Creates or updates these products' nodes (in kg-service's batch size). */
    public Uni<Void> upsert(List<Product> products) {
        if (!enabled || products.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<GraphProduct> nodes = products.stream().map(GraphSync::node).toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < nodes.size(); from += batchSize) {
            List<GraphProduct> part = nodes.subList(from, Math.min(nodes.size(), from + batchSize));
            chain = chain.chain(() -> graph.upsertProducts(part));
        }
        return chain;
    }

    /** Deletes these products from the graph unless it holds a newer version of them. */
    public Uni<Void> delete(List<GraphProductDeletion> deletions) {
        if (!enabled || deletions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return graph.deleteProducts(deletions);
    }

    private static GraphProduct node(Product p) {
        return new GraphProduct(
                p.id(),
                p.title(),
                p.brand(),
                p.category() == null ? List.of() : p.category(),
                p.attributes() == null ? Map.of() : p.attributes(),
                p.version() == null ? 0 : p.version());
    }
}
