package io.magpie.eval.rec;

import java.util.List;

/**
 * Four users, five items A..E (indexes 0..4). Full sequences, oldest first:
 * <pre>
 *   u0: A B | C | D      (train | valid | test)
 *   u1: A B C | D | E
 *   u2: B C | A | E
 *   u3: D D | E | D      (a repeat purchase: the test item is in the history)
 * </pre>
 */
final class TinyInteractions {

    static final int A = 0;
    static final int B = 1;
    static final int C = 2;
    static final int D = 3;
    static final int E = 4;

    private TinyInteractions() {}

    static Interactions data() {
        return new Interactions(
                List.of("A", "B", "C", "D", "E"),
                List.of("u0", "u1", "u2", "u3"),
                List.of(new int[] {A, B}, new int[] {A, B, C}, new int[] {B, C}, new int[] {D, D}),
                new int[] {C, D, A, E},
                new int[] {D, E, E, D});
    }
}
