package io.magpie.retrieval.store;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.ItemVector;
import io.magpie.api.retrieval.ItemVectorActivation;
import io.magpie.retrieval.config.RetrievalConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.utility.request.AlterAliasReq;
import io.milvus.v2.service.utility.request.CreateAliasReq;
import io.milvus.v2.service.utility.request.DescribeAliasReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The collaborative item vectors ({@code product_cf}): an id and a vector per product, nothing else. Each trained
 * version is written into a collection of its own ({@code product_cf_v_<version>}) and served once the alias
 * {@code product_cf} is pointed at it, so a retrain switches every reader at once and one answer never mixes two
 * versions. The version served before stays until the next activation (a roll-back target); older ones are dropped.
 * Writes without a version go into whatever the name {@code product_cf} resolves to (created as a plain collection
 * when nothing exists, as before versions). Blocking; worker threads only.
 */
@ApplicationScoped
public class ProductCfCollection {

    static final String ID = "id";
    static final String VECTOR = "vector";

    private static final Logger LOG = Logger.getLogger(ProductCfCollection.class);

    /** The collection a read resolved the alias to, and when. */
    private record Resolved(String collection, long atNanos) {}

    private final MilvusConnection connection;
    private final RetrievalConfig.ProductCf config;
    private final RetrievalConfig.Milvus milvus;
    private final int idMaxBytes;
    private final Map<String, Integer> dimensions = new ConcurrentHashMap<>();
    private volatile Resolved served;

    public ProductCfCollection(MilvusConnection connection, RetrievalConfig config) {
        this.connection = connection;
        this.config = config.productCf();
        this.milvus = config.milvus();
        this.idMaxBytes = config.catalog().maxIdLength() * 4;
    }

    /**
     * Inserts or replaces these vectors in a version (null: the vectors served now); all must have that version's
     * dimension. Answers that dimension.
     */
    public int write(String version, List<ItemVector> items) {
        String collection = version == null ? config.collection() : versionCollection(version);
        int expected = ensureCreated(collection, items.get(0).vector().length);
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
        client.upsert(UpsertReq.builder().collectionName(collection).data(rows).build());
        // written in bulk after training: seal so the rows are indexed rather than searched by brute force
        client.flush(FlushReq.builder().collectionNames(List.of(collection)).build());
        return expected;
    }

    /**
     * Serves this version from now on: the alias moves to its collection in one step. The version served before is
     * kept, older ones are dropped.
     */
    public synchronized ItemVectorActivation activate(String version) {
        String collection = versionCollection(version);
        MilvusClientV2 client = connection.client();
        if (!client.hasCollection(
                HasCollectionReq.builder().collectionName(collection).build())) {
            throw ProblemException.invalidField("version", "no vectors were written for version '" + version + "'");
        }
        Optional<String> before = aliasTarget();
        if (before.isEmpty() && exists(config.collection())) {
            // vectors written before versions: a plain collection holds the alias's name; it gives way
            client.dropCollection(DropCollectionReq.builder()
                    .collectionName(config.collection())
                    .build());
            LOG.infof("dropped the unversioned collection %s to make it an alias", config.collection());
        }
        if (before.isPresent()) {
            client.alterAlias(AlterAliasReq.builder()
                    .collectionName(collection)
                    .alias(config.collection())
                    .build());
        } else {
            client.createAlias(CreateAliasReq.builder()
                    .collectionName(collection)
                    .alias(config.collection())
                    .build());
        }
        served = new Resolved(collection, System.nanoTime());
        String previous = before.filter(name -> !name.equals(collection)).orElse(null);
        for (String name : client.listCollections().getCollectionNames()) {
            if (name.startsWith(versionPrefix()) && !name.equals(collection) && !name.equals(previous)) {
                client.dropCollection(
                        DropCollectionReq.builder().collectionName(name).build());
                dimensions.remove(name);
            }
        }
        long items = client.query(QueryReq.builder()
                                        .collectionName(collection)
                                        .filter("")
                                        .outputFields(List.of("count(*)"))
                                        .consistencyLevel(milvus.consistencyLevel())
                                        .build())
                                .getQueryResults()
                                .get(0)
                                .getEntity()
                                .get("count(*)")
                        instanceof Number n
                ? n.longValue()
                : 0;
        LOG.infof("collaborative vectors: now serving version %s (%d items), before %s", version, items, previous);
        return new ItemVectorActivation(
                version,
                previous == null ? null : previous.substring(versionPrefix().length()),
                items);
    }

    /**
     * The {@code k} items nearest to the weighted mean vector of this history (most recent first; the i-th weighs
     * {@code recencyDecay^i}), the history left out; empty when no item of the history has a vector (or nothing was
     * written yet).
     */
    public List<Candidate> nearestToHistory(List<String> history, int k, double recencyDecay) {
        try {
            return servedCollection()
                    .map(collection -> nearest(collection, history, k, recencyDecay))
                    .orElse(List.of());
        } catch (RuntimeException e) {
            // the server may have restarted with the collection unloaded: look it up (and load it) again next time
            served = null;
            dimensions.clear();
            throw e;
        }
    }

    private List<Candidate> nearest(String collection, List<String> history, int k, double recencyDecay) {
        Map<String, float[]> vectors = new HashMap<>();
        connection
                .searchClient()
                .query(QueryReq.builder()
                        .collectionName(collection)
                        .filter(FilterExpression.idIn(history))
                        .outputFields(List.of(ID, VECTOR))
                        .consistencyLevel(milvus.consistencyLevel())
                        .build())
                .getQueryResults()
                .forEach(row -> vectors.put(
                        String.valueOf(row.getEntity().get(ID)),
                        Vectors.toArray(row.getEntity().get(VECTOR))));
        if (vectors.isEmpty()) {
            return List.of();
        }
        List<float[]> ordered = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double weight = 1;
        for (String id : history) {
            float[] vector = vectors.remove(id); // a repeated id counts once
            if (vector != null) {
                ordered.add(vector);
                weights.add(weight);
            }
            weight *= recencyDecay;
        }
        SearchReq.SearchReqBuilder request = SearchReq.builder()
                .collectionName(collection)
                .annsField(VECTOR)
                .metricType(config.metricType())
                .data(List.of(new FloatVec(Vectors.weightedMean(ordered, weights))))
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

    /**
     * The collection reads use: what the alias points at (looked up again after {@code alias-refresh}, so every
     * replica follows an activation within it), the plain collection of unversioned writes, or none.
     */
    private Optional<String> servedCollection() {
        Resolved known = served;
        if (known != null
                && System.nanoTime() - known.atNanos() < config.aliasRefresh().toNanos()) {
            return Optional.of(known.collection());
        }
        Optional<String> collection = aliasTarget()
                .or(() -> exists(config.collection()) ? Optional.of(config.collection()) : Optional.empty());
        collection.ifPresent(name -> {
            if (!dimensions.containsKey(name)) {
                dimensions.put(name, loadedDimension(name));
            }
            served = new Resolved(name, System.nanoTime());
        });
        return collection;
    }

    /** The collection behind the alias, if the alias exists (a plain collection of that name is no alias). */
    private Optional<String> aliasTarget() {
        MilvusClientV2 client = connection.client();
        if (!exists(config.collection())) {
            return Optional.empty();
        }
        try {
            String target = client.describeAlias(DescribeAliasReq.builder()
                            .alias(config.collection())
                            .build())
                    .getCollectionName();
            return target == null || target.isEmpty() || target.equals(config.collection())
                    ? Optional.empty()
                    : Optional.of(target);
        } catch (RuntimeException e) {
            return Optional.empty(); // a plain collection, not an alias
        }
    }

    private boolean exists(String collection) {
        return connection
                .client()
                .hasCollection(
                        HasCollectionReq.builder().collectionName(collection).build());
    }

    private String versionPrefix() {
        return config.collection() + "_v_";
    }

    private String versionCollection(String version) {
        return versionPrefix() + version;
    }

    /** A collection's dimension, creating it with the configured (or else this) dimension when absent. */
    private synchronized int ensureCreated(String collection, int firstWriteDimension) {
        Integer known = dimensions.get(collection);
        if (known != null) {
            return known;
        }
        if (exists(collection)) {
            int dim = loadedDimension(collection);
            dimensions.put(collection, dim);
            return dim;
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
                .collectionName(collection)
                .description("Collaborative item vectors")
                .collectionSchema(schema)
                .indexParams(List.of(index))
                .build());
        client.loadCollection(
                LoadCollectionReq.builder().collectionName(collection).build());
        LOG.infof("created Milvus collection %s (dim %d, HNSW %s)", collection, dim, config.metricType());
        dimensions.put(collection, dim);
        return dim;
    }

    /** An existing collection's (or alias's) dimension, loading it for searches. */
    private int loadedDimension(String collection) {
        MilvusClientV2 client = connection.client();
        Integer dim = client.describeCollection(DescribeCollectionReq.builder()
                        .collectionName(collection)
                        .build())
                .getCollectionSchema()
                .getField(VECTOR)
                .getDimension();
        client.loadCollection(
                LoadCollectionReq.builder().collectionName(collection).build());
        return dim;
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
