package io.magpie.fusion.client;

import io.magpie.api.catalog.CategoryPath;
import io.magpie.api.catalog.Product;
import io.magpie.api.retrieval.RetrievalClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Which products retrieval-service's catalogue knows. It answers at most {@link #IDS_PER_CALL} ids per call, so a
 * larger set is asked in that many calls at once; the whole look-up gives up after its timeout.
 */
@ApplicationScoped
public class CatalogueProducts {

    /** retrieval-service's limit of ids per {@code GET /v1/products} (magpie.retrieval.catalog.max-ids-per-get). */
    static final int IDS_PER_CALL = 200;

    private final RetrievalClient retrieval;

    public CatalogueProducts(@RestClient RetrievalClient retrieval) {
        this.retrieval = retrieval;
    }

    /**
     * The products among {@code ids} that the catalogue knows, each with its category path as one text ("" when it
     * has none); fails when the catalogue cannot say within {@code timeout}.
     */
    public Uni<Map<String, String>> known(List<String> ids, Duration timeout) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<List<Product>>> calls = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            calls.add(retrieval.products(ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL))));
        }
        return Uni.join()
                .all(calls)
                .andFailFast()
                .map(answers -> {
                    Map<String, String> known = new HashMap<>();
                    answers.forEach(products -> products.forEach(product -> known.put(
                            product.id(), product.category() == null ? "" : CategoryPath.join(product.category()))));
                    return known;
                })
                .ifNoItem()
                .after(timeout)
                .fail();
    }
}
