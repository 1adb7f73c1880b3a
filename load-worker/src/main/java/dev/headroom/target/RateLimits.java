package dev.headroom.target;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The demo target's rate-limited paths ({@code /limit/{rps}}): one token bucket per limit, shared
 * by every event loop, holding at most a tenth of a second of tokens so a burst is refused as a
 * real rate limiter would. Beyond the limit, requests are answered 503 at once.
 */
final class RateLimits {

  private static final long BURST_NANOS = 100_000_000L;

  private final ConcurrentMap<Integer, Bucket> buckets = new ConcurrentHashMap<>();

  /** True when a request at {@code nowNanos} fits under {@code rps}. */
  boolean admit(int rps, long nowNanos) {
    return buckets.computeIfAbsent(rps, r -> new Bucket(r, nowNanos)).take(nowNanos);
  }

  private static final class Bucket {
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long at;

    Bucket(int rps, long now) {
      this.perNano = rps / 1e9;
      this.capacity = Math.max(1, rps * (BURST_NANOS / 1e9));
      this.tokens = capacity;
      this.at = now;
    }

    synchronized boolean take(long now) {
      tokens = Math.min(capacity, tokens + (now - at) * perNano);
      at = Math.max(at, now);
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
