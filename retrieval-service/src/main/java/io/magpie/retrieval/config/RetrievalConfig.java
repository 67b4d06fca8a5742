package io.magpie.retrieval.config;

import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.IndexParam;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Everything retrieval-service reads from {@code magpie.retrieval.*}. */
@ConfigMapping(prefix = "magpie.retrieval")
public interface RetrievalConfig {

    Milvus milvus();

    Catalog catalog();

    ProductCf productCf();

    Typo typo();

    Facets facets();

    Ingest ingest();

    GraphSync graphSync();

    Indexing indexing();

    Reindex reindex();

    /** The Milvus server and the product text collection. */
    interface Milvus {

        /** gRPC address, e.g. {@code http://127.0.0.1:19530}. */
        @WithDefault("http://127.0.0.1:19530")
        String uri();

        /** {@code user:password} or an API key, when the server checks them. */
        Optional<String> token();

        /** The physical collection this version of the service creates; a reindex builds the next one. */
        @WithDefault("product_text_v1")
        String collection();

        /** The name every read and write goes through, so a reindex can switch collections atomically. */
        @WithDefault("product_text")
        String alias();

        /** Vector dimension; must match the encoder's model (384 for both built-in ones, BGE small and MiniLM). */
        @WithDefault("384")
        int dimension();

        /** The dense index: HNSW (approximate, the default) or FLAT (exact: the baseline for HNSW's recall). */
        @WithDefault("HNSW")
        IndexParam.IndexType indexType();

        /** Similarity of the dense index: COSINE, IP or L2. */
        @WithDefault("COSINE")
        IndexParam.MetricType metricType();

        Hnsw hnsw();

        Bm25 bm25();

        /** Longest searchable text kept for BM25, in UTF-8 bytes (Milvus VARCHAR limit is 65535). */
        @WithDefault("16384")
        int textMaxBytes();

        /** Read consistency of searches; BOUNDED trades a few seconds of staleness for latency. */
        @WithDefault("BOUNDED")
        ConsistencyLevel consistencyLevel();

        /** Deadline of one write or collection-management call. */
        @WithDefault("30s")
        Duration callTimeout();

        /** Deadline of one search or query; past it the caller gets a 503 and can degrade. */
        @WithDefault("5s")
        Duration searchTimeout();

        @WithDefault("10s")
        Duration connectTimeout();

        /**
         * Interval of gRPC keepalive pings on an idle connection. Servers refuse pings more often than they allow
         * (milvus-lite: every 5 minutes) and then drop the connection, so keep it at 5 minutes or more.
         */
        @WithDefault("5m")
        Duration keepAlive();
    }

    /** HNSW graph parameters of the dense index, and the search breadth (ignored by other index types). */
    interface Hnsw {

        @WithName("m")
        @WithDefault("16")
        int m();

        @WithDefault("200")
        int efConstruction();

        /** Candidates explored per search; raised to k when k is larger. */
        @WithDefault("128")
        int ef();
    }

    /**
     * BM25 parameters of the lexical index (fixed when a collection is created: a change needs a reindex).
     * Defaults are the ESCI data set's reference BM25 (k1 1.2, b 0.75); Milvus's own default k1 is 1.5.
     */
    interface Bm25 {

        /** Term-frequency saturation. */
        @WithDefault("1.2")
        double k1();

        /** Document-length normalisation, 0 (none) to 1 (full). */
        @WithDefault("0.75")
        double b();
    }

    /** The collaborative item vectors ({@code product_cf}), written in bulk by whoever trains them. */
    interface ProductCf {

        /** The Milvus collection of item vectors. */
        @WithDefault("product_cf")
        String collection();

        /** Vector dimension; absent: the first write decides, and later writes must match it. */
        Optional<Integer> dimension();

        /** IP: matrix-factorisation vectors score by dot product, and their length carries popularity. */
        @WithDefault("IP")
        IndexParam.MetricType metricType();

        /**
         * Reads look up which version the alias serves again after this long: every replica follows an activation
         * within it (the version served before stays until the next activation, so its reads keep working).
         */
        @WithDefault("1s")
        Duration aliasRefresh();
    }

    /**
     * Typo tolerance of lexical search: a query word no indexed product has is joined by the most frequent indexed
     * word within a small edit distance.
     */
    interface Typo {

        @WithDefault("true")
        boolean enabled();

        /** Shortest word corrected with one edit; shorter words have too many neighbours to guess. */
        @WithDefault("4")
        int oneEditMinLength();

        /** Shortest word corrected with up to two edits. */
        @WithDefault("8")
        int twoEditsMinLength();

        /**
         * How often every replica rebuilds its vocabulary from the indexed texts: how long replicas may correct
         * differently after a write, and how long a deleted product's words still count.
         */
        @WithDefault("60s")
        java.time.Duration refreshInterval();
    }

    /** Facet counts of a candidate set. */
    interface Facets {

        /** Upper bounds of the price buckets, ascending; a last, open-ended bucket holds the rest. */
        @WithDefault("10,25,50,100,250,500")
        java.util.List<Double> priceBounds();
    }

    /** The catalogue in PostgreSQL. */
    interface Catalog {

        /** Longest product id accepted, in characters. */
        @WithDefault("128")
        int maxIdLength();

        /** Most ids one lookup may ask for (the gateway hydrates every source's candidates, up to 3 x 300). */
        @WithDefault("1000")
        int maxIdsPerGet();

        /** Most ids one delete may name (one transaction). */
        @WithDefault("10000")
        int maxIdsPerDelete();
    }

    /** Bulk ingest of NDJSON products. */
    interface Ingest {

        /** Lines stored, encoded and indexed together. */
        @WithDefault("256")
        int batchSize();

        /** Texts per encoder call. */
        @WithDefault("64")
        int encodeBatchSize();

        /** Encoder calls of one batch in flight at once: enough to overlap transfer with the encoder's work. */
        @WithDefault("2")
        int encodeConcurrency();

        /** Longest input line, in bytes; a longer line is rejected without being held in memory. */
        @WithDefault("1048576")
        int maxLineBytes();

        /** Most line errors listed in one answer; the rejected count still counts them all. */
        @WithDefault("1000")
        int maxReportedErrors();

        /** Time allowed to one batch's database, encoder, Milvus and graph writes together. */
        @WithDefault("2m")
        Duration batchTimeout();
    }

    /** Pushing catalogue changes to kg-service. */
    interface GraphSync {

        /** Off where kg-service does not run (this module's tests). */
        @WithDefault("true")
        boolean enabled();

        /** Products per kg-service call (at most kg-service's magpie.kg.upsert.max-batch-size). */
        @WithDefault("100")
        int batchSize();
    }

    /** The outbox worker that delivers catalogue changes to Milvus and the graph. */
    interface Indexing {

        /** Off only in tests that look at the outbox itself. */
        @WithDefault("true")
        boolean enabled();

        /** Changes delivered together: one PostgreSQL read, encoder calls, one Milvus upsert, one graph call. */
        @WithDefault("256")
        int batchSize();

        /** How often an idle worker looks at the outbox (ingest also wakes it after each commit). */
        @WithDefault("2s")
        Duration pollInterval();

        /** First wait after a failed delivery; doubled after each further failure up to max-backoff. */
        @WithDefault("1s")
        Duration minBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** Deadline of one step of a delivery (database, encoder, graph). */
        @WithDefault("2m")
        Duration callTimeout();

        /**
         * Failed deliveries of one product (refused by a dependency, or failing while the rest of its batch went
         * through) before it becomes a dead letter: out of the queue, listed at /v1/products/dead-letters.
         */
        @WithDefault("5")
        int maxAttempts();

        /**
         * How long a claim on changes lasts (every replica runs a worker; a claimed change is not delivered by
         * another). The worker renews it every third of this while it delivers, so a worker that died (or
         * restarted) leaves its changes to the others after at most this.
         */
        @WithDefault("1m")
        Duration claimLease();

        /**
         * Products written since the last seal after which the worker seals (flushes) what it wrote even though
         * the outbox is not empty yet. Unsealed rows sit in a growing segment that every search scans by brute
         * force, so a long ingest sealed only at its end makes searches slower and slower while it runs.
         */
        @WithDefault("512")
        int sealEvery();
    }

    /** Rebuilding Milvus and the graph from the catalogue. */
    interface Reindex {

        /** Products read, encoded and written together. */
        @WithDefault("256")
        int pageSize();

        /**
         * A reindex (of any replica) not heard from for this long died with its replica: another may start, and
         * deliveries stop writing to its collection. Longer than the slowest page.
         */
        @WithDefault("10m")
        Duration staleAfter();
    }
}
