package io.magpie.api.recs;

import java.time.Instant;

/**
 * How far the in-memory co-occurrence signal has read the events.
 *
 * @param caughtUpTo  every event committed before this instant is counted (null before the first read)
 * @param lagSeconds  seconds since {@code caughtUpTo} (the metric magpie_cooccurrence_lag_seconds)
 * @param events      events counted
 * @param items       distinct products seen
 * @param pairs       distinct ordered product pairs counted
 */
public record SignalsStatus(Instant caughtUpTo, Double lagSeconds, long events, int items, long pairs) {}
