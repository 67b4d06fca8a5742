package io.magpie.eval.rec;

/**
 * One user's leave-one-out case.
 *
 * @param user    the user's index
 * @param history what the user bought before, oldest first; scored from and excluded from the ranking
 * @param target  the held-out next item
 */
public record EvalCase(int user, int[] history, int target) {}
