package io.magpie.fusion.features;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.magpie.api.fusion.ItemData;

/**
 * Products' {@link ItemText}, analysed once and reused: tokenising and stemming every candidate's title, bullets and
 * category on every request cost most of feature extraction, and a product's text rarely changes. Keyed by product
 * id; an entry is served only while the request carries exactly the text it was made from (every text field
 * compared for equality), so a product whose text changed is analysed again and never gets stale features.
 * Bounded by a number of products (least recently and least often used go first); 0 turns the cache off.
 */
final class ItemTextCache {

    /** Enough for a catalogue's active products: about 3 KB each with ESCI text (2.8 KB measured), 30 MB in all. */
    static final int DEFAULT_SIZE = 10_000;

    private final Cache<String, Entry> entries;

    ItemTextCache(int maximumSize) {
        if (maximumSize < 0) {
            throw new IllegalArgumentException("the item text cache size must be 0 or more, not " + maximumSize);
        }
        this.entries = maximumSize == 0
                ? null
                : Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The analysed text of a candidate; null without catalogue data. */
    ItemText of(String id, ItemData data) {
        if (data == null) {
            return null;
        }
        ItemText.Source source = ItemText.Source.of(data);
        if (entries == null) {
            return ItemText.of(source);
        }
        Entry cached = entries.getIfPresent(id);
        if (cached != null && cached.source().equals(source)) {
            return cached.text();
        }
        ItemText text = ItemText.of(source);
        entries.put(id, new Entry(source, text));
        return text;
    }

    /** Products held now. */
    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp(); // evictions still pending
        return entries.estimatedSize();
    }

    private record Entry(ItemText.Source source, ItemText text) {}
}
