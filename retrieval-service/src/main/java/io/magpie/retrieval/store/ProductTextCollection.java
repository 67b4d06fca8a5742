package io.magpie.retrieval.store;

import io.magpie.retrieval.config.RetrievalConfig;
import io.milvus.common.clientenum.FunctionType;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.utility.request.CreateAliasReq;
import io.milvus.v2.service.utility.request.DescribeAliasReq;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Milvus collection of product texts: its schema, and making sure it exists, sits behind its alias and is
 * loaded before anything reads or writes it. Blocking; worker threads only.
 *
 * <p>Schema: {@code id} (primary key), {@code vector} (encoder embedding, HNSW by default), {@code text} (the searchable text,
 * analysed) feeding a BM25 function into {@code sparse} (SPARSE_INVERTED_INDEX, metric BM25), and the scalar fields
 * {@code brand}, {@code category} (path joined with " > "), {@code price}, {@code in_stock} for filters.
 */
@ApplicationScoped
public class ProductTextCollection {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String TEXT = "text";
    static final String SPARSE = "sparse";
    static final String BRAND = "brand";
    static final String CATEGORY = "category";
    static final String PRICE = "price";
    static final String IN_STOCK = "in_stock";

    static final int BRAND_MAX_BYTES = 512;
    static final int CATEGORY_MAX_BYTES = 2048;

    private static final Logger LOG = Logger.getLogger(ProductTextCollection.class);

    private final MilvusConnection connection;
    private final RetrievalConfig.Milvus config;
    private final int idMaxBytes;
    private volatile boolean ready;

    public ProductTextCollection(MilvusConnection connection, RetrievalConfig config) {
        this.connection = connection;
        this.config = config.milvus();
        // ids are limited in characters; a character takes up to 4 UTF-8 bytes
        this.idMaxBytes = config.catalog().maxIdLength() * 4;
    }

    /** The name to read and write through. */
    public String alias() {
        return config.alias();
    }

    public boolean isReady() {
        return ready;
    }

    /**
     * Creates the collection and its alias when absent, checks that the collection behind the alias has the
     * configured dimension, and loads it. Cheap once done; safe to call from many threads.
     */
    public void ensureReady() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            MilvusClientV2 client = connection.client();
            String target = aliasTarget(client).orElseGet(() -> createBehindAlias(client));
            checkDimension(client, target);
            // waits until loaded; milvus-lite implements the load-state polling this needs
            client.loadCollection(LoadCollectionReq.builder().collectionName(target).build());
            ready = true;
            LOG.infof("Milvus collection %s ready behind alias %s", target, config.alias());
        }
    }

    private Optional<String> aliasTarget(MilvusClientV2 client) {
        boolean aliasResolves = client.hasCollection(
                HasCollectionReq.builder().collectionName(config.alias()).build());
        if (!aliasResolves
                && !client.hasCollection(HasCollectionReq.builder().collectionName(config.collection()).build())) {
            return Optional.empty(); // a fresh server: nothing to describe
        }
        try {
            return Optional.of(client.describeAlias(DescribeAliasReq.builder().alias(config.alias()).build())
                    .getCollectionName());
        } catch (MilvusClientException e) {
            // servers differ in the code of "no such alias"; a name that resolves to nothing settles it
            if (!aliasResolves) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String createBehindAlias(MilvusClientV2 client) {
        String name = config.collection();
        if (!client.hasCollection(HasCollectionReq.builder().collectionName(name).build())) {
            // Indexes go with the create request: the SDK then builds them without waiting on index state, which
            // milvus-lite cannot report (a separate createIndex call with sync=true fails there).
            client.createCollection(CreateCollectionReq.builder()
                    .collectionName(name)
                    .description("Product texts: encoder vectors, BM25 terms, filter fields")
                    .collectionSchema(schema())
                    .indexParams(indexes())
                    .build());
            LOG.infof("created Milvus collection %s (dim %d, %s %s)", name, config.dimension(), config.indexType(),
                    config.metricType());
        }
        client.createAlias(CreateAliasReq.builder().collectionName(name).alias(config.alias()).build());
        return name;
    }

    private void checkDimension(MilvusClientV2 client, String collection) {
        CreateCollectionReq.FieldSchema vector = client.describeCollection(
                        DescribeCollectionReq.builder().collectionName(collection).build())
                .getCollectionSchema().getField(VECTOR);
        if (vector == null || vector.getDimension() == null || vector.getDimension() != config.dimension()) {
            throw new IllegalStateException("Milvus collection " + collection + " has vector dimension "
                    + (vector == null ? "none" : vector.getDimension()) + " but magpie.retrieval.milvus.dimension is "
                    + config.dimension() + "; reindex into a new collection or fix the configuration");
        }
    }

    CreateCollectionReq.CollectionSchema schema() {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder()
                .enableDynamicField(false)
                .build();
        schema.addField(AddFieldReq.builder().fieldName(ID).dataType(DataType.VarChar).maxLength(idMaxBytes)
                .isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector)
                .dimension(config.dimension()).build());
        // "standard" is the analyzer both milvus-lite and Milvus 2.5+ provide
        schema.addField(AddFieldReq.builder().fieldName(TEXT).dataType(DataType.VarChar)
                .maxLength(config.textMaxBytes()).enableAnalyzer(true)
                .analyzerParams(Map.of("type", "standard")).build());
        schema.addField(AddFieldReq.builder().fieldName(SPARSE).dataType(DataType.SparseFloatVector).build());
        schema.addField(AddFieldReq.builder().fieldName(BRAND).dataType(DataType.VarChar)
                .maxLength(BRAND_MAX_BYTES).isNullable(true).build());
        schema.addField(AddFieldReq.builder().fieldName(CATEGORY).dataType(DataType.VarChar)
                .maxLength(CATEGORY_MAX_BYTES).isNullable(true).build());
        schema.addField(AddFieldReq.builder().fieldName(PRICE).dataType(DataType.Double).isNullable(true).build());
        schema.addField(AddFieldReq.builder().fieldName(IN_STOCK).dataType(DataType.Bool).build());
        schema.addFunction(CreateCollectionReq.Function.builder()
                .name("text_bm25")
                .functionType(FunctionType.BM25)
                .inputFieldNames(List.of(TEXT))
                .outputFieldNames(List.of(SPARSE))
                .build());
        return schema;
    }

    List<IndexParam> indexes() {
        boolean hnsw = config.indexType() == IndexParam.IndexType.HNSW;
        IndexParam dense = IndexParam.builder()
                .fieldName(VECTOR)
                .indexType(config.indexType())
                .metricType(config.metricType())
                .extraParams(hnsw ? Map.of("M", config.hnsw().m(), "efConstruction", config.hnsw().efConstruction())
                        : Map.of())
                .build();
        IndexParam lexical = IndexParam.builder()
                .fieldName(SPARSE)
                .indexType(IndexParam.IndexType.SPARSE_INVERTED_INDEX)
                .metricType(IndexParam.MetricType.BM25)
                .build();
        return List.of(dense, lexical);
    }
}
