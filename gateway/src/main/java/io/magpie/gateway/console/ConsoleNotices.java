package io.magpie.gateway.console;

import java.util.Map;

/**
 * What a page says after a change it was redirected from ({@code ?done=relation-created}): fixed texts by code, so
 * that no text from an address reaches the page.
 */
public final class ConsoleNotices {

    private static final Map<String, String> TEXTS = Map.of(
            "saved", "Saved.",
            "node-created", "Node created.",
            "node-deleted", "Node deleted.",
            "relation-created", "Relation published: shoppers see it now.",
            "relation-removed", "Relation removed.",
            "undone", "Undone.",
            "retried", "Queued again for indexing.",
            "discarded", "Discarded.",
            "activated", "Activated.",
            "reindex-started", "Reindex started.");

    private ConsoleNotices() {}

    /** The text for a code, or null for none or an unknown one. */
    public static String of(String code) {
        return code == null ? null : TEXTS.get(code);
    }
}
