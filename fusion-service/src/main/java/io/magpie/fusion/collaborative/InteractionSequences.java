package io.magpie.fusion.collaborative;

import io.magpie.fusion.model.SignalEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shoppers' item sequences gathered from stored events: per shopper (user, else session) the items in the order
 * they happened, each item once (where it first appeared), items numbered densely for training.
 */
final class InteractionSequences {

    private final Map<String, List<SignalEvent>> byShopper = new HashMap<>();
    private long events;

    void add(SignalEvent event) {
        byShopper.computeIfAbsent(event.actor(), a -> new ArrayList<>()).add(event);
        events++;
    }

    long events() {
        return events;
    }

    /** The sequences over items numbered in {@code itemIds} (filled here), shoppers with two or more items only. */
    List<int[]> sequences(List<String> itemIds) {
        Map<String, Integer> index = new HashMap<>();
        List<int[]> sequences = new ArrayList<>();
        byShopper.keySet().stream().sorted().forEach(shopper -> {
            List<SignalEvent> events = byShopper.get(shopper);
            events.sort(Comparator.comparing(SignalEvent::occurredAt).thenComparing(SignalEvent::eventId));
            Set<String> items = new LinkedHashSet<>();
            events.forEach(event -> items.add(event.productId()));
            if (items.size() < 2) {
                return; // a single item has no context to learn from
            }
            sequences.add(items.stream()
                    .mapToInt(item -> index.computeIfAbsent(item, id -> {
                        itemIds.add(id);
                        return itemIds.size() - 1;
                    }))
                    .toArray());
        });
        return sequences;
    }
}
