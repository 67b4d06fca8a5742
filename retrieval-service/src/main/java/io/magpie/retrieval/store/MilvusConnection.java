package io.magpie.retrieval.store;

import io.magpie.retrieval.config.RetrievalConfig;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The service's Milvus clients, connected on first use rather than at start-up, so that the service starts (and
 * reports itself not ready) while Milvus is still coming up. Two clients, because the SDK's call deadline is
 * per client: reads get a short one (a search that waits on an unreachable server holds a worker thread until the
 * deadline), writes and collection management a long one. Every call blocks: use them from worker threads only.
 */
@ApplicationScoped
public class MilvusConnection {

    private static final Logger LOG = Logger.getLogger(MilvusConnection.class);

    private final RetrievalConfig.Milvus config;
    private MilvusClientV2 client;
    private MilvusClientV2 searchClient;

    public MilvusConnection(RetrievalConfig config) {
        this.config = config.milvus();
    }

    /** For writes and collection management; connects (and may throw) when not connected yet. */
    public synchronized MilvusClientV2 client() {
        if (client == null) {
            client = connect(config.callTimeout());
            LOG.infof("connected to Milvus at %s", config.uri());
        }
        return client;
    }

    /** For searches, queries and health probes: calls give up after the search timeout. */
    public synchronized MilvusClientV2 searchClient() {
        if (searchClient == null) {
            searchClient = connect(config.searchTimeout());
        }
        return searchClient;
    }

    private MilvusClientV2 connect(Duration deadline) {
        ConnectConfig.ConnectConfigBuilder connect = ConnectConfig.builder()
                .uri(config.uri())
                .connectTimeoutMs(config.connectTimeout().toMillis())
                // without a deadline a call to an unreachable server waits for it forever
                .rpcDeadlineMs(deadline.toMillis())
                .keepAliveTimeMs(config.keepAlive().toMillis())
                // pings on an idle channel get it closed by servers that limit them (milvus-lite does)
                .keepAliveWithoutCalls(false);
        config.token().ifPresent(connect::token);
        return new MilvusClientV2(connect.build());
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (searchClient != null) {
            searchClient.close();
            searchClient = null;
        }
    }
}
