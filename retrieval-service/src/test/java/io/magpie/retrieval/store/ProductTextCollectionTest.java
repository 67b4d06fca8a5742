package io.magpie.retrieval.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.catalog.Product;
import io.magpie.testsupport.EncoderServiceTestResource;
import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The collection operations the write side uses (versioned collections, rows, alias swap), on real Milvus. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
@WithTestResource(value = EncoderServiceTestResource.class, parallel = true)
class ProductTextCollectionTest {

    @Inject
    ProductTextCollection collection;

    @Inject
    MilvusConnection connection;

    @Test
    void versionedCollectionKeepsRowsVersionsAndSwapsBehindTheAlias() {
        collection.ensureReady();
        String original = collection.aliasTarget().orElseThrow();
        String next = "product_text_test_next";
        collection.create(next);
        try {
            collection.upsert(next, List.of(row("p1", 3), row("p2", 5), row("p3", 1)));
            collection.flush(next);
            assertEquals(
                    Map.of("p1", 3L, "p2", 5L, "p3", 1L),
                    collection.versions(next, List.of("p1", "p2", "p3", "unknown")));
            assertEquals(3, collection.count(next));

            collection.upsert(next, List.of(row("p1", 4)));
            collection.delete(next, List.of("p3", "never-there"));
            assertEquals(Map.of("p1", 4L, "p2", 5L), collection.versions(next, List.of("p1", "p2", "p3")));
            assertEquals(2, collection.count(next));

            collection.pointAlias(next);
            assertEquals(next, collection.aliasTarget().orElseThrow());
            assertEquals(2, collection.count(collection.alias()));
            assertThrows(IllegalStateException.class, () -> collection.drop(next));
        } finally {
            collection.pointAlias(original);
        }
        assertEquals(original, collection.aliasTarget().orElseThrow());
        collection.drop(next);
        assertFalse(collection.exists(next));
    }

    @Test
    void lexicalIndexGetsTheConfiguredBm25Parameters() {
        collection.ensureReady();
        String params = connection
                .client()
                .describeIndex(DescribeIndexReq.builder()
                        .collectionName(collection.aliasTarget().orElseThrow())
                        .fieldName(ProductTextCollection.SPARSE)
                        .build())
                .getIndexDescriptions()
                .toString();
        assertThat(params, containsString("bm25_k1"));
        assertThat(params, containsString("1.2"));
    }

    @Test
    void categoryPrefixesListEveryLevel() {
        assertEquals(
                List.of("A", "A > B", "A > B > C"), ProductTextCollection.categoryPrefixes(List.of("A", " B", "C")));
        assertTrue(ProductTextCollection.categoryPrefixes(null).isEmpty());
    }

    private static IndexedProduct row(String id, long version) {
        float[] vector = new float[384];
        Random random = new Random(id.hashCode());
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        Product product = new Product(
                id, "title " + id, null, List.of(), "Brand", null, List.of("A", "B"), 9.5, null, null, null);
        return new IndexedProduct(product, vector, true, version);
    }
}
