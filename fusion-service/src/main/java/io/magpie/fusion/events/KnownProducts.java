package io.magpie.fusion.events;

import io.magpie.fusion.config.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Products the catalogue confirmed lately, so that busy products are not looked up for every batch. Only "known" is
 * remembered (a product may be added to the catalogue any moment; one is rarely removed), for a while, and the
 * memory is dropped whole when it is full: a few more look-ups, never an unbounded map.
 */
@ApplicationScoped
public class KnownProducts {

    private final ConcurrentHashMap<String, Long> expiry = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int max;

    public KnownProducts(EventsConfig config) {
        this.ttlNanos = config.knownProductsTtl().toNanos();
        this.max = config.knownProductsMax();
    }

    public boolean isKnown(String productId) {
        Long until = expiry.get(productId);
        return until != null && until - System.nanoTime() > 0;
    }

    public void remember(Iterable<String> productIds) {
        long until = System.nanoTime() + ttlNanos;
        for (String id : productIds) {
            if (expiry.size() >= max) {
                expiry.clear();
            }
            expiry.put(id, until);
        }
    }
}
