package io.magpie.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magpie.gateway.console.RankingComparison.Entry;
import io.magpie.gateway.console.RankingComparison.Move;
import io.magpie.gateway.console.RankingComparison.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Side by side rankings: what entered, left or moved, by how much, and the graph paths the edit adds. */
class RankingComparisonTest {

    @Test
    void anEntrantCarriesOnlyThePathsTheEditAddsAndPushesTheOthersDown() {
        List<Entry> before =
                List.of(new Entry("a", "A", null), new Entry("b", "B", "same brand \"X\" as \"Seed\" (seed)"));
        List<Entry> after = List.of(
                new Entry("c", "C", "ACCESSORY_OF -> \"Seed\" (seed)"),
                new Entry("b", "B", "same brand \"X\" as \"Seed\" (seed); ACCESSORY_OF -> \"Seed\" (seed)"),
                new Entry("a", "A", null));

        RankingComparison comparison = RankingComparison.of("Search \"seed\"", before, after, List.of("dense"));

        assertEquals(
                List.of("a", "b"), comparison.before().stream().map(Row::id).toList());
        assertEquals(
                List.of("new", "", "↓2"),
                comparison.after().stream().map(Row::change).toList());
        assertEquals(
                List.of(
                        new Move("c", "C", null, 1, "entered", List.of("ACCESSORY_OF -> \"Seed\" (seed)")),
                        new Move("a", "A", 1, 3, "↓2", List.of())),
                comparison.moves());
        assertEquals(List.of("dense"), comparison.degraded());
    }

    @Test
    void anItemPushedOutOfTheTopHasLeftAndOneThatRoseSaysHowFar() {
        List<Entry> before = new java.util.ArrayList<>();
        for (int i = 0; i < RankingComparison.SHOWN; i++) {
            before.add(new Entry("p" + i, null, null));
        }
        List<Entry> after = new java.util.ArrayList<>(before);
        Entry last = after.remove(RankingComparison.SHOWN - 1);
        after.add(0, new Entry("new", null, "query mentions brand \"Z\" -> MADE_BY"));
        after.add(1, new Entry("p5", null, null));
        after.remove(7); // p5's old place
        after.add(last);

        RankingComparison comparison = RankingComparison.of("s", before, after, List.of());

        Move rose = comparison.moves().stream()
                .filter(move -> move.id().equals("p5"))
                .findFirst()
                .orElseThrow();
        assertEquals("↑4", rose.arrow());
        Move left = comparison.moves().get(comparison.moves().size() - 1);
        assertEquals(new Move(last.id(), null, RankingComparison.SHOWN, null, "left", List.of()), left);
    }
}
