package io.magpie.retrieval.store;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.ItemVector;
import io.magpie.retrieval.config.RetrievalConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * The collaborative item vectors ({@code product_cf}): an id and a vector per product, nothing else. Created on
 * the first write, with the configured dimension or else the first write's. Blocking; worker threads only.
 */
@ApplicationScoped
public class ProductCfCollection {

    static final String ID = "id";
    static final String VECTOR = "vector";

    private static final Logger LOG = Logger.getLogger(ProductCfCollection.class);

    private final MilvusConnection connection;
    private final RetrievalConfig.ProductCf config;
    private final RetrievalConfig.Milvus milvus;
    private final int idMaxBytes;
    private volatile int dimension;

    public ProductCfCollection(MilvusConnection connection, RetrievalConfig config) {
        this.connection = connection;
        this.config = config.productCf();
        this.milvus = config.milvus();
        this.idMaxBytes = config.catalog().maxIdLength() * 4;
    }

    /** Inserts or replaces these vectors; all must have the collection's dimension. Answers that dimension. */
    public int write(List<ItemVector> items) {
        int expected = ensureCreated(items.get(0).vector().length);
        for (int i = 0; i < items.size(); i++) {
            float[] vector = items.get(i).vector();
            if (vector.length != expected) {
                throw ProblemException.invalidField(
                        "items[" + i + "].vector",
                        "must have " + expected + " values (the collection's dimension), got " + vector.length);
            }
            for (float value : vector) {
                if (!Float.isFinite(value)) {
                    throw ProblemException.invalidField("items[" + i + "].vector", "must hold finite numbers only");
                }
            }
        }
        List<JsonObject> rows = items.stream().map(ProductCfCollection::row).toList();
        MilvusClientV2 client = connection.client();
        client.upsert(UpsertReq.builder()
                .collectionName(config.collection())
                .data(rows)
                .build());
        // written in bulk after training: seal so the rows are indexed rather than searched by brute force
        client.flush(
                FlushReq.builder().collectionNames(List.of(config.collection())).build());
        return expected;
    }

    /**
     * The {@code k} items nearest to the mean vector of this history, the history left out; empty when no item of
     * the history has a vector (or nothing was written yet).
     */
    public List<Candidate> nearestToHistory(List<String> history, int k) {
        try {
            return nearest(history, k);
        } catch (RuntimeException e) {
            // the server may have restarted with the collection unloaded: look it up (and load it) again next time
            dimension = 0;
            throw e;
        }
    }

    private List<Candidate> nearest(List<String> history, int k) {
        if (existingDimension().isEmpty()) {
            return List.of();
        }
        List<float[]> vectors = connection
                .searchClient()
                .query(QueryReq.builder()
                        .collectionName(config.collection())
                        .filter(FilterExpression.idIn(history))
                        .outputFields(List.of(VECTOR))
                        .consistencyLevel(milvus.consistencyLevel())
                        .build())
                .getQueryResults()
                .stream()
                .map(row -> Vectors.toArray(row.getEntity().get(VECTOR)))
                .toList();
        if (vectors.isEmpty()) {
            return List.of();
        }
        SearchReq.SearchReqBuilder request = SearchReq.builder()
                .collectionName(config.collection())
                .annsField(VECTOR)
                .metricType(config.metricType())
                .data(List.of(new FloatVec(Vectors.mean(vectors))))
                .limit(k)
                .searchParams(Map.of("ef", Math.max(milvus.hnsw().ef(), k)))
                .outputFields(List.of(ID))
                .consistencyLevel(milvus.consistencyLevel());
        FilterExpression.excluding(CandidateFilter.NONE, history).ifPresent(request::filter);
        List<List<SearchResp.SearchResult>> results =
                connection.searchClient().search(request.build()).getSearchResults();
        return results.isEmpty()
                ? List.of()
                : results.get(0).stream()
                        .map(hit -> new Candidate(
                                String.valueOf(hit.getId()),
                                config.metricType() == IndexParam.MetricType.L2 ? -hit.getScore() : hit.getScore()))
                        .toList();
    }

    /** The collection's dimension, creating it with the configured (or else this) dimension when absent. */
    private synchronized int ensureCreated(int firstWriteDimension) {
        OptionalInt existing = existingDimension();
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        int dim = config.dimension().orElse(firstWriteDimension);
        MilvusClientV2 client = connection.client();
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder()
                .enableDynamicField(false)
                .build();
        schema.addField(AddFieldReq.builder()
                .fieldName(ID)
                .dataType(DataType.VarChar)
                .maxLength(idMaxBytes)
                .isPrimaryKey(true)
                .autoID(false)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName(VECTOR)
                .dataType(DataType.FloatVector)
                .dimension(dim)
                .build());
        IndexParam index = IndexParam.builder()
                .fieldName(VECTOR)
                .indexType(IndexParam.IndexType.HNSW)
                .metricType(config.metricType())
                // one JSON "params" entry: the form both Milvus and milvus-lite read (see ProductTextCollection)
                .extraParams(Map.of(
                        "params",
                        new Gson()
                                .toJson(Map.of(
                                        "M",
                                        milvus.hnsw().m(),
                                        "efConstruction",
                                        milvus.hnsw().efConstruction()))))
                .build();
        client.createCollection(CreateCollectionReq.builder()
                .collectionName(config.collection())
                .description("Collaborative item vectors")
                .collectionSchema(schema)
                .indexParams(List.of(index))
                .build());
        client.loadCollection(
                LoadCollectionReq.builder().collectionName(config.collection()).build());
        LOG.infof("created Milvus collection %s (dim %d, HNSW %s)", config.collection(), dim, config.metricType());
        dimension = dim;
        return dim;
    }

    private OptionalInt existingDimension() {
        if (dimension > 0) {
            return OptionalInt.of(dimension);
        }
        MilvusClientV2 client = connection.searchClient();
        if (!client.hasCollection(
                HasCollectionReq.builder().collectionName(config.collection()).build())) {
            return OptionalInt.empty();
        }
        Integer dim = client.describeCollection(DescribeCollectionReq.builder()
                        .collectionName(config.collection())
                        .build())
                .getCollectionSchema()
                .getField(VECTOR)
                .getDimension();
        client.loadCollection(
                LoadCollectionReq.builder().collectionName(config.collection()).build());
        dimension = dim;
        return OptionalInt.of(dim);
    }

    private static JsonObject row(ItemVector item) {
        JsonObject row = new JsonObject();
        row.addProperty(ID, item.id());
        JsonArray vector = new JsonArray(item.vector().length);
        for (float f : item.vector()) {
            vector.add(f);
        }
        row.add(VECTOR, vector);
        return row;
    }
}
