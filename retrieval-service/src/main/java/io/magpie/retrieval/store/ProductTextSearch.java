package io.magpie.retrieval.store;

import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.retrieval.config.RetrievalConfig;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.EmbeddedText;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.QueryResp;
import io.milvus.v2.service.vector.response.SearchResp;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Searches the product text collection through its alias: dense (ANN) search and BM25 full-text search, both with
 * typed filters. Every method blocks; call from worker threads only.
 */
@ApplicationScoped
public class ProductTextSearch {

    private final MilvusConnection connection;
    private final ProductTextCollection collection;
    private final RetrievalConfig.Milvus config;

    public ProductTextSearch(MilvusConnection connection, ProductTextCollection collection, RetrievalConfig config) {
        this.connection = connection;
        this.collection = collection;
        this.config = config.milvus();
    }

    /** The {@code k} products nearest to {@code vector} that pass the filter, most similar first. */
    public List<Candidate> nearest(float[] vector, int k, CandidateFilter filter) {
        requireReady();
        return search(
                ProductTextCollection.VECTOR,
                config.metricType(),
                new FloatVec(vector),
                k,
                denseParams(k),
                FilterExpression.of(filter));
    }

    /** The {@code k} products whose text best matches {@code query} by BM25 and that pass the filter, best first. */
    public List<Candidate> matching(String query, int k, CandidateFilter filter) {
        requireReady();
        // the server analyses the raw query with the field's analyzer; the metric must be named (milvus-lite needs it)
        return search(
                ProductTextCollection.SPARSE,
                IndexParam.MetricType.BM25,
                new EmbeddedText(query),
                k,
                Map.of(),
                FilterExpression.of(filter));
    }

    /**
     * The {@code k} products nearest to this product's text vector that pass the filter, the product itself left
     * out; empty when the product is not indexed.
     */
    public Optional<List<Candidate>> similar(String productId, int k, CandidateFilter filter) {
        requireReady();
        List<QueryResp.QueryResult> rows = onCollection(() -> connection
                .searchClient()
                .query(QueryReq.builder()
                        .collectionName(collection.alias())
                        .filter(FilterExpression.idIn(List.of(productId)))
                        .outputFields(List.of(ProductTextCollection.VECTOR))
                        .consistencyLevel(config.consistencyLevel())
                        .build())
                .getQueryResults());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        float[] vector = Vectors.toArray(rows.get(0).getEntity().get(ProductTextCollection.VECTOR));
        return Optional.of(search(
                ProductTextCollection.VECTOR,
                config.metricType(),
                new FloatVec(vector),
                k,
                denseParams(k),
                FilterExpression.excluding(filter, List.of(productId))));
    }

    /** Brand, category path prefixes and price of each of these ids that is indexed. */
    public List<FacetRow> facetRows(List<String> ids) {
        requireReady();
        if (ids.isEmpty()) {
            return List.of();
        }
        return onCollection(() -> connection
                        .searchClient()
                        .query(QueryReq.builder()
                                .collectionName(collection.alias())
                                .filter(FilterExpression.idIn(ids))
                                .outputFields(List.of(
                                        ProductTextCollection.BRAND,
                                        ProductTextCollection.CATEGORY_PATHS,
                                        ProductTextCollection.PRICE))
                                .consistencyLevel(config.consistencyLevel())
                                .build())
                        .getQueryResults())
                .stream()
                .map(row -> FacetRow.of(row.getEntity()))
                .toList();
    }

    /** What facets count of one product. */
    public record FacetRow(String brand, List<String> categoryPaths, Double price) {

        static FacetRow of(Map<String, Object> entity) {
            Object brand = entity.get(ProductTextCollection.BRAND);
            Object paths = entity.get(ProductTextCollection.CATEGORY_PATHS);
            Object price = entity.get(ProductTextCollection.PRICE);
            return new FacetRow(
                    brand == null ? null : brand.toString(),
                    paths instanceof List<?> list
                            ? list.stream().map(String::valueOf).toList()
                            : List.of(),
                    price instanceof Number number ? number.doubleValue() : null);
        }
    }

    /** HNSW explores ef candidates and must see at least k of them; FLAT takes no parameters. */
    Map<String, Object> denseParams(int k) {
        return config.indexType() == IndexParam.IndexType.HNSW
                ? Map.of("ef", Math.max(config.hnsw().ef(), k))
                : Map.of();
    }

    /**
     * Searches fail fast until the collection is ready instead of queueing behind its creation; start-up and the
     * readiness probe keep preparing it.
     */
    void requireReady() {
        // after a failure (collection.markUnready) searches go on while one of them reloads the collection
        if (!collection.tryPrepare() && !collection.wasEverReady()) {
            throw new ProblemException(503, "Not ready", "the product index (Milvus) is not ready yet");
        }
    }

    /** Runs a call on the collection; a failure marks it unready, so the next call loads it again. */
    private <T> T onCollection(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            collection.markUnready();
            throw e;
        }
    }

    List<Candidate> search(
            String field,
            IndexParam.MetricType metric,
            BaseVector query,
            int k,
            Map<String, Object> params,
            Optional<String> filter) {
        SearchReq.SearchReqBuilder request = SearchReq.builder()
                .collectionName(collection.alias())
                .annsField(field)
                .metricType(metric)
                .data(List.of(query))
                .limit(k)
                .searchParams(params)
                // only the ids: milvus-lite returns every field, vectors included, when none are named
                .outputFields(List.of(ProductTextCollection.ID))
                .consistencyLevel(config.consistencyLevel());
        filter.ifPresent(request::filter);
        List<List<SearchResp.SearchResult>> results = onCollection(
                () -> connection.searchClient().search(request.build()).getSearchResults());
        if (results.isEmpty()) {
            return List.of();
        }
        return results.get(0).stream()
                .map(hit -> new Candidate(String.valueOf(hit.getId()), score(metric, hit.getScore())))
                .toList();
    }

    /**
     * Higher is better for every metric. BM25 scores are never negative, but milvus-lite 3.2 returns them negated
     * (its internal distance): the absolute value is right for both it and Milvus. L2 is a distance: negated.
     */
    private static double score(IndexParam.MetricType metric, Float raw) {
        double value = raw == null ? 0 : raw;
        return switch (metric) {
            case BM25 -> Math.abs(value);
            case L2 -> -value;
            default -> value;
        };
    }
}
