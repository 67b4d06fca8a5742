package io.magpie.eval.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load level measured. Latencies are in microseconds and cover answered requests (full or degraded);
 * failed ones are counted in {@code errors} only.
 *
 * @param mode         "closed" (fixed concurrency) or "open" (fixed arrival rate)
 * @param concurrency  workers of a closed loop; the most requests in flight allowed for an open loop
 * @param targetRate   requests per second an open loop aimed at; 0 for a closed loop
 * @param sent         requests sent
 * @param ok           answered in full
 * @param degraded     answered with a non-empty {@code degraded} list
 * @param errors       failed (non-200, unreadable, timeout, connection error)
 * @param seconds      from the first send to the last answer
 * @param latency      closed: send to answer; open: intended send time to answer (no coordinated omission)
 * @param serviceTime  open: actual send to answer (what a closed-loop client would have seen); closed: same as
 *                     {@code latency}
 * @param cutShort     the level hit its time limit before its request count
 * @param degradedBranches per branch (source, encoder, fusion, catalog), how many degraded answers left it out
 * @param errorSamples the first few failure details
 */
public record LoadResult(
        String mode,
        int concurrency,
        double targetRate,
        long sent,
        long ok,
        long degraded,
        long errors,
        double seconds,
        Histogram latency,
        Histogram serviceTime,
        boolean cutShort,
        Map<String, Long> degradedBranches,
        List<String> errorSamples) {

    public long answered() {
        return ok + degraded;
    }

    /** Answered requests per second. */
    public double throughput() {
        return seconds > 0 ? answered() / seconds : 0.0;
    }

    /** A result table row; latencies in milliseconds. */
    public Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("mode", mode);
        row.put("concurrency", concurrency);
        row.put("targetRate", mode.equals("open") ? targetRate : null);
        row.put("requests", sent);
        row.put("ok", ok);
        row.put("degraded", degraded);
        row.put("degradedBranches", degradedBranches.isEmpty() ? null : degradedBranches);
        row.put("errors", errors);
        row.put("seconds", seconds);
        row.put("throughput", throughput());
        row.put("p50", percentileMillis(latency, 50));
        row.put("p90", percentileMillis(latency, 90));
        row.put("p99", percentileMillis(latency, 99));
        row.put("max", latency.getTotalCount() == 0 ? null : latency.getMaxValue() / 1000.0);
        row.put("mean", latency.getTotalCount() == 0 ? null : latency.getMean() / 1000.0);
        row.put("serviceP50", percentileMillis(serviceTime, 50));
        row.put("serviceP99", percentileMillis(serviceTime, 99));
        row.put("cutShort", cutShort);
        return row;
    }

    static Double percentileMillis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? null : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
