package io.magpie.gateway.security;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; each request takes one. Thread-safe.
 */
final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.updatedNanos = nowNanos;
    }

    /** Takes a token: 0 when one was there, else the seconds until one will be (for Retry-After). */
    synchronized long take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - updatedNanos) / 1e9 * perSecond);
        updatedNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
}
