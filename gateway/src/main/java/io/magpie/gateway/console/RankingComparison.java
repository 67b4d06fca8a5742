package io.magpie.gateway.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ranking (a search, a product's or a user's recommendations) without and with a pending graph edit, side by
 * side: the top of each, and every item that entered, left or moved there, with the graph paths the edit adds to it.
 *
 * @param subject  what was ranked, e.g. {@code search "usb charger"}
 * @param before   the top items now
 * @param after    the top items with the edit
 * @param moves    the items whose place in the top changed, best place after first
 * @param degraded sources that did not answer (the same on both sides)
 * @param note     why the edit cannot change this ranking, or null
 */
@TemplateData
public record RankingComparison(
        String subject, List<Row> before, List<Row> after, List<Move> moves, List<String> degraded, String note) {

    /** How many places of each ranking are shown and compared. */
    public static final int SHOWN = 20;

    /** A ranked item as the comparison reads it: id, title, and the graph's reason for it (null when none). */
    public record Entry(String id, String title, String graphReason) {}

    /**
     * @param rank   1-based
     * @param change {@code new}, {@code ↑3}, {@code ↓2} or empty (after); empty before
     */
    @TemplateData
    public record Row(int rank, String id, String title, String change) {}

    /**
     * @param rankBefore 1-based, null when it was not in the top
     * @param rankAfter  1-based, null when it left the top
     * @param arrow      {@code entered}, {@code left}, {@code ↑n} or {@code ↓n}
     * @param addedPaths graph paths it has only with the edit: why it moved; empty when others pushed it
     */
    @TemplateData
    public record Move(
            String id, String title, Integer rankBefore, Integer rankAfter, String arrow, List<String> addedPaths) {}

    /** Nothing to compare: the edit cannot reach this ranking, and the page says why. */
    public static RankingComparison notPreviewable(String subject, String note) {
        return new RankingComparison(subject, List.of(), List.of(), List.of(), List.of(), note);
    }

    public static RankingComparison of(String subject, List<Entry> before, List<Entry> after, List<String> degraded) {
        List<Entry> top = before.subList(0, Math.min(SHOWN, before.size()));
        List<Entry> topAfter = after.subList(0, Math.min(SHOWN, after.size()));
        Map<String, Integer> rankBefore = ranks(top);
        Map<String, Integer> rankAfter = ranks(topAfter);
        Map<String, Entry> entryBefore = new HashMap<>();
        top.forEach(entry -> entryBefore.put(entry.id(), entry));

        List<Row> rowsBefore = new ArrayList<>();
        top.forEach(entry -> rowsBefore.add(new Row(rowsBefore.size() + 1, entry.id(), entry.title(), "")));
        List<Row> rowsAfter = new ArrayList<>();
        List<Move> moves = new ArrayList<>();
        for (Entry entry : topAfter) {
            int rank = rowsAfter.size() + 1;
            Integer was = rankBefore.get(entry.id());
            String arrow = was == null ? "entered" : arrow(was, rank);
            rowsAfter.add(new Row(rank, entry.id(), entry.title(), was == null ? "new" : arrow));
            if (was == null || was != rank) {
                Entry old = entryBefore.get(entry.id());
                moves.add(new Move(
                        entry.id(),
                        entry.title(),
                        was,
                        rank,
                        arrow,
                        addedPaths(old == null ? null : old.graphReason(), entry.graphReason())));
            }
        }
        for (Entry entry : top) {
            if (!rankAfter.containsKey(entry.id())) {
                moves.add(new Move(entry.id(), entry.title(), rankBefore.get(entry.id()), null, "left", List.of()));
            }
        }
        return new RankingComparison(subject, rowsBefore, rowsAfter, moves, degraded, null);
    }

    private static String arrow(int before, int after) {
        return before == after ? "" : before > after ? "↑" + (before - after) : "↓" + (after - before);
    }

    /** The paths of the graph's reason after that its reason before lacks (a reason lists paths split by "; "). */
    static List<String> addedPaths(String before, String after) {
        if (after == null || after.isBlank()) {
            return List.of();
        }
        Set<String> old = before == null ? Set.of() : new HashSet<>(Arrays.asList(before.split("; ")));
        return Arrays.stream(after.split("; "))
                .filter(path -> !old.contains(path))
                .toList();
    }

    private static Map<String, Integer> ranks(List<Entry> entries) {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ranks.put(entries.get(i).id(), i + 1);
        }
        return ranks;
    }
}
