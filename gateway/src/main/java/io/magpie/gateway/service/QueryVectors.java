package io.magpie.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncoderClient;
import io.magpie.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Query texts to vectors through encoder-service, with a bounded cache: shoppers repeat queries, and paging or
 * refining one asks for the same vector again. Hits and misses count in
 * {@code magpie_search_vector_cache_total{result}}.
 */
@ApplicationScoped
public class QueryVectors {

    private final EncoderClient encoder;
    private final Cache<String, float[]> vectors;
    private final Counter hits;
    private final Counter misses;

    public QueryVectors(@RestClient EncoderClient encoder, GatewayConfig config, MeterRegistry metrics) {
        this.encoder = encoder;
        GatewayConfig.VectorCache settings = config.search().vectorCache();
        this.vectors = settings.enabled()
                ? Caffeine.newBuilder()
                        .maximumSize(settings.maxEntries())
                        .expireAfterWrite(settings.expiry())
                        .build()
                : null;
        this.hits = metrics.counter("magpie.search.vector.cache", "result", "hit");
        this.misses = metrics.counter("magpie.search.vector.cache", "result", "miss");
    }

    public Uni<float[]> encode(String text) {
        float[] known = vectors == null ? null : vectors.getIfPresent(text);
        if (known != null) {
            hits.increment();
            return Uni.createFrom().item(known);
        }
        misses.increment();
        return encoder.encode(EncodeRequest.queries(List.of(text)))
                .map(response -> response.vectors().get(0))
                .invoke(vector -> {
                    if (vectors != null) {
                        vectors.put(text, vector);
                    }
                });
    }
}
