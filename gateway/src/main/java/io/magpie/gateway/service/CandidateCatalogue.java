package io.magpie.gateway.service;

import io.magpie.api.catalog.Product;
import io.magpie.api.catalog.ProductLookup;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.RetrievalClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The catalogue data of every candidate of a request, read in one call before fusion (search and recommendations
 * alike), so that ranking sees the items' data and the answer needs no second call.
 */
@ApplicationScoped
public class CandidateCatalogue {

    /** The branch name a failed or slow catalogue read is reported under in {@code degraded}. */
    public static final String CATALOG = "catalog";

    private final RetrievalClient retrieval;

    public CandidateCatalogue(@RestClient RetrievalClient retrieval) {
        this.retrieval = retrieval;
    }

    /**
     * The products of the lists' candidates by id (first occurrence kept), empty when there are none, or null when
     * the catalogue did not answer within the timeout (then named in {@code degraded}).
     */
    public Uni<Map<String, Product>> productsOf(List<CandidateList> lists, Duration timeout, DegradedSources degraded) {
        List<String> ids = lists.stream()
                .flatMap(list -> list.candidates().stream())
                .map(Candidate::id)
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return degraded.guard(CATALOG, timeout, () -> retrieval.lookup(new ProductLookup(ids)), (List<Product>) null)
                .map(products -> {
                    if (products == null) {
                        return null;
                    }
                    Map<String, Product> byId = new LinkedHashMap<>();
                    products.forEach(product -> byId.putIfAbsent(product.id(), product));
                    return byId;
                });
    }
}
