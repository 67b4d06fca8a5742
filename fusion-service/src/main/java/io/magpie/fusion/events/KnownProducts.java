package io.magpie.fusion.events;

import io.magpie.fusion.config.EventsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Products the catalogue confirmed lately, with their category paths, so that busy products are not looked up for every batch. Only "known" is
 * remembered (a product may be added to the catalogue any moment; one is rarely removed), for a while, and the
 * memory is dropped whole when it is full: a few more look-ups, never an unbounded map.
 */
@ApplicationScoped
public class KnownProducts {

    private record Entry(String category, long until) {}

    private final ConcurrentHashMap<String, Entry> known = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int max;

    public KnownProducts(EventsConfig config) {
        this.ttlNanos = config.knownProductsTtl().toNanos();
        this.max = config.knownProductsMax();
    }

    /** The product's category path ("" for none) if the catalogue confirmed it lately, else null. */
    public String category(String productId) {
        Entry entry = known.get(productId);
        return entry != null && entry.until() - System.nanoTime() > 0 ? entry.category() : null;
    }

    /** Remembers confirmed products with their category paths. */
    public void remember(Map<String, String> categories) {
        long until = System.nanoTime() + ttlNanos;
        categories.forEach((id, category) -> {
            if (known.size() >= max) {
                known.clear();
            }
            known.put(id, new Entry(category, until));
        });
    }
}
