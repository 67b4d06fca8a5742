package io.magpie.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.magpie.testsupport.MilvusTestResource;
import io.milvus.common.clientenum.FunctionType;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.index.request.ListIndexesReq;
import io.milvus.v2.service.utility.request.AlterAliasReq;
import io.milvus.v2.service.utility.request.CreateAliasReq;
import io.milvus.v2.service.utility.request.DescribeAliasReq;
import io.milvus.v2.service.utility.request.ListAliasesReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.request.RunAnalyzerReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.EmbeddedText;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which Milvus Java SDK v2 calls work against milvus-lite, the server of the tests and the local stack: each call
 * that retrieval-service makes (create with a BM25 function, upsert, dense and BM25 search, aliases, load) and the
 * ones it avoids because milvus-lite lacks them. When a "gap" test fails, milvus-lite has closed the gap: update
 * the ADR on local Milvus servers.
 */
class MilvusLiteSdkCompatibilityTest {

    private static final MilvusTestResource SERVER = new MilvusTestResource();
    private static MilvusClientV2 client;

    @BeforeAll
    static void start() {
        String uri = SERVER.start().get(MilvusTestResource.DEFAULT_CONFIG_KEY);
        client = new MilvusClientV2(ConnectConfig.builder()
                .uri(uri)
                .rpcDeadlineMs(30_000)
                .keepAliveTimeMs(300_000)
                .keepAliveWithoutCalls(false)
                .build());
        create("compat_v1", true);
        client.createAlias(CreateAliasReq.builder()
                .collectionName("compat_v1")
                .alias("compat")
                .build());
        client.insert(InsertReq.builder()
                .collectionName("compat")
                .data(List.of(
                        row("a", new float[] {1, 0, 0, 0}, "Bounty paper towels, 12 rolls", "Bounty", 24.99),
                        row("b", new float[] {0, 1, 0, 0}, "Charmin toilet paper, ultra soft", "Charmin", null),
                        row("c", new float[] {0, 0, 1, 0}, "Stainless steel chef knife", null, 79.0)))
                .build());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        SERVER.stop();
    }

    // ---- calls that work ------------------------------------------------------------------------------------

    @Test
    void createCollectionWithBm25FunctionAndIndexParamsLoadsIt() {
        assertTrue(client.getLoadState(
                GetLoadStateReq.builder().collectionName("compat_v1").build()));
        assertEquals(
                List.of("vector", "sparse"),
                client.listIndexes(
                        ListIndexesReq.builder().collectionName("compat_v1").build()));
        var schema = client.describeCollection(
                        DescribeCollectionReq.builder().collectionName("compat").build())
                .getCollectionSchema();
        assertEquals(FunctionType.BM25, schema.getFunctionList().get(0).getFunctionType());
        assertEquals(4, schema.getField("vector").getDimension());
    }

    @Test
    void aliasesResolveForReadsAndWrites() {
        assertEquals(
                "compat_v1",
                client.describeAlias(DescribeAliasReq.builder().alias("compat").build())
                        .getCollectionName());
        assertTrue(client.hasCollection(
                HasCollectionReq.builder().collectionName("compat").build()));
        assertEquals(
                List.of("compat"),
                client.listAliases(ListAliasesReq.builder()
                                .collectionName("compat_v1")
                                .build())
                        .getAlias());
    }

    @Test
    void upsertReplacesByPrimaryKey() {
        client.upsert(UpsertReq.builder()
                .collectionName("compat")
                .data(List.of(row("d", new float[] {0, 0, 0, 1}, "Viva paper towels, choose-a-sheet", "Viva", 15.5)))
                .build());
        client.upsert(UpsertReq.builder()
                .collectionName("compat")
                .data(List.of(row("d", new float[] {0, 0, 0, 1}, "Viva paper towels, 6 big rolls", "Viva", 16.0)))
                .build());
        var rows = client.query(QueryReq.builder()
                        .collectionName("compat")
                        .ids(List.of("d"))
                        .outputFields(List.of("text", "price"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build())
                .getQueryResults();
        assertEquals(1, rows.size());
        assertEquals("Viva paper towels, 6 big rolls", rows.get(0).getEntity().get("text"));
    }

    @Test
    void denseSearchWithExplicitMetricAndFilter() {
        SearchResp response = client.search(SearchReq.builder()
                .collectionName("compat")
                .annsField("vector")
                .metricType(IndexParam.MetricType.COSINE)
                .data(List.of(new FloatVec(new float[] {1, 0.05f, 0, 0})))
                .limit(2)
                .searchParams(Map.of("ef", 64))
                .outputFields(List.of("id"))
                .filter("price < 30 and brand == \"Bounty\"")
                .consistencyLevel(ConsistencyLevel.STRONG)
                .build());
        var hits = response.getSearchResults().get(0);
        assertEquals("a", hits.get(0).getId());
        assertTrue(hits.get(0).getScore() > 0.99);
    }

    @Test
    void bm25SearchOnRawTextReturnsNegatedScores() {
        var hits = client.search(SearchReq.builder()
                        .collectionName("compat")
                        .annsField("sparse")
                        .metricType(IndexParam.MetricType.BM25)
                        .data(List.of(new EmbeddedText("paper towels")))
                        .limit(3)
                        .outputFields(List.of("id"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build())
                .getSearchResults()
                .get(0);
        List<Object> ids = hits.stream().map(SearchResp.SearchResult::getId).toList();
        // both words beat one word
        assertTrue(ids.contains("a") && ids.indexOf("a") < ids.indexOf("b"), ids::toString);
        // milvus-lite 3.2 returns -BM25 (its internal distance); Milvus returns +BM25. Order is right in both.
        assertTrue(hits.get(0).getScore() < 0);
        assertTrue(hits.get(0).getScore() <= hits.get(hits.size() - 1).getScore());
    }

    @Test
    void deleteByIdsAndByFilter() {
        client.insert(InsertReq.builder()
                .collectionName("compat")
                .data(List.of(
                        row("x1", new float[] {1, 1, 0, 0}, "temporary one", null, null),
                        row("x2", new float[] {1, 1, 0, 0}, "temporary two", null, null)))
                .build());
        assertEquals(
                1,
                client.delete(DeleteReq.builder()
                                .collectionName("compat")
                                .ids(List.of("x1"))
                                .build())
                        .getDeleteCnt());
        client.delete(DeleteReq.builder()
                .collectionName("compat")
                .filter("id in [\"x2\"]")
                .build());
        assertTrue(client.query(QueryReq.builder()
                        .collectionName("compat")
                        .ids(List.of("x1", "x2"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build())
                .getQueryResults()
                .isEmpty());
    }

    @Test
    void alterAliasSwitchesReadsToAnotherCollection() {
        create("compat_v2", true);
        client.createAlias(CreateAliasReq.builder()
                .collectionName("compat_v1")
                .alias("compat_swap")
                .build());
        client.alterAlias(AlterAliasReq.builder()
                .collectionName("compat_v2")
                .alias("compat_swap")
                .build());
        assertEquals(
                "compat_v2",
                client.describeAlias(
                                DescribeAliasReq.builder().alias("compat_swap").build())
                        .getCollectionName());
        var count = client.query(QueryReq.builder()
                        .collectionName("compat_swap")
                        .filter("")
                        .outputFields(List.of("count(*)"))
                        .consistencyLevel(ConsistencyLevel.STRONG)
                        .build())
                .getQueryResults()
                .get(0)
                .getEntity()
                .get("count(*)");
        assertEquals(0L, ((Number) count).longValue());
        client.dropCollection(
                DropCollectionReq.builder().collectionName("compat_v2").build());
    }

    @Test
    void loadCollectionWaitingForLoadState() {
        client.loadCollection(LoadCollectionReq.builder()
                .collectionName("compat_v1")
                .sync(true)
                .build());
    }

    // ---- gaps: calls that fail on milvus-lite 3.2.2 -----------------------------------------------------------

    @Test
    void gapCreateIndexThatWaitsForIndexState() {
        create("compat_noindex", false);
        // sync(false) works; sync(true) polls a state RPC milvus-lite does not implement
        client.createIndex(CreateIndexReq.builder()
                .collectionName("compat_noindex")
                .indexParams(List.of(denseIndex()))
                .sync(false)
                .build());
        client.dropCollection(
                DropCollectionReq.builder().collectionName("compat_noindex").build());
        create("compat_noindex", false);
        assertThrows(
                MilvusClientException.class,
                () -> client.createIndex(CreateIndexReq.builder()
                        .collectionName("compat_noindex")
                        .indexParams(List.of(denseIndex()))
                        .sync(true)
                        .build()));
        client.dropCollection(
                DropCollectionReq.builder().collectionName("compat_noindex").build());
    }

    @Test
    void gapListAliasesOfTheWholeDatabase() {
        assertThrows(
                MilvusClientException.class,
                () -> client.listAliases(ListAliasesReq.builder().build()));
    }

    @Test
    void gapRunAnalyzer() {
        assertThrows(
                MilvusClientException.class,
                () -> client.runAnalyzer(
                        RunAnalyzerReq.builder().texts(List.of("paper towels")).build()));
    }

    @Test
    void gapFilterTemplatesAndNonZeroDropRatio() {
        // the server refuses both with an error code the SDK does not know, so the real reason is lost
        assertThrows(
                MilvusClientException.class,
                () -> client.search(SearchReq.builder()
                        .collectionName("compat")
                        .annsField("vector")
                        .metricType(IndexParam.MetricType.COSINE)
                        .data(List.of(new FloatVec(new float[] {1, 0, 0, 0})))
                        .limit(3)
                        .filter("price < {p}")
                        .filterTemplateValues(Map.of("p", 30.0))
                        .build()));
        assertThrows(
                MilvusClientException.class,
                () -> client.search(SearchReq.builder()
                        .collectionName("compat")
                        .annsField("sparse")
                        .metricType(IndexParam.MetricType.BM25)
                        .data(List.of(new EmbeddedText("paper")))
                        .limit(3)
                        .searchParams(Map.of("drop_ratio_search", 0.2))
                        .build()));
    }

    @Test
    void gapMetricMismatchIsNotRefused() {
        // Milvus refuses a search whose metric differs from the index's; milvus-lite answers with other scores
        var hits = client.search(SearchReq.builder()
                        .collectionName("compat")
                        .annsField("vector")
                        .metricType(IndexParam.MetricType.IP)
                        .data(List.of(new FloatVec(new float[] {1, 0, 0, 0})))
                        .limit(1)
                        .build())
                .getSearchResults()
                .get(0);
        assertFalse(hits.isEmpty());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void create(String name, boolean withIndexes) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder()
                .enableDynamicField(false)
                .build();
        schema.addField(AddFieldReq.builder()
                .fieldName("id")
                .dataType(DataType.VarChar)
                .maxLength(64)
                .isPrimaryKey(true)
                .autoID(false)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName("vector")
                .dataType(DataType.FloatVector)
                .dimension(4)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName("text")
                .dataType(DataType.VarChar)
                .maxLength(1000)
                .enableAnalyzer(true)
                .analyzerParams(Map.of("type", "standard"))
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName("sparse")
                .dataType(DataType.SparseFloatVector)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName("brand")
                .dataType(DataType.VarChar)
                .maxLength(64)
                .isNullable(true)
                .build());
        schema.addField(AddFieldReq.builder()
                .fieldName("price")
                .dataType(DataType.Double)
                .isNullable(true)
                .build());
        schema.addFunction(CreateCollectionReq.Function.builder()
                .name("text_bm25")
                .functionType(FunctionType.BM25)
                .inputFieldNames(List.of("text"))
                .outputFieldNames(List.of("sparse"))
                .build());
        CreateCollectionReq.CreateCollectionReqBuilder request =
                CreateCollectionReq.builder().collectionName(name).collectionSchema(schema);
        if (withIndexes) {
            request.indexParams(List.of(
                    denseIndex(),
                    IndexParam.builder()
                            .fieldName("sparse")
                            .indexType(IndexParam.IndexType.SPARSE_INVERTED_INDEX)
                            .metricType(IndexParam.MetricType.BM25)
                            .build()));
        }
        client.createCollection(request.build());
    }

    private static IndexParam denseIndex() {
        return IndexParam.builder()
                .fieldName("vector")
                .indexType(IndexParam.IndexType.HNSW)
                .metricType(IndexParam.MetricType.COSINE)
                .extraParams(Map.of("M", 16, "efConstruction", 100))
                .build();
    }

    private static JsonObject row(String id, float[] vector, String text, String brand, Double price) {
        JsonObject row = new JsonObject();
        row.addProperty("id", id);
        JsonArray values = new JsonArray();
        for (float f : vector) {
            values.add(f);
        }
        row.add("vector", values);
        row.addProperty("text", text);
        if (brand == null) {
            row.add("brand", JsonNull.INSTANCE);
        } else {
            row.addProperty("brand", brand);
        }
        if (price == null) {
            row.add("price", JsonNull.INSTANCE);
        } else {
            row.addProperty("price", price);
        }
        return row;
    }
}
