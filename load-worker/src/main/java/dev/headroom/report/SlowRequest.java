package dev.headroom.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One of an interval's slowest requests that carried trace context: what to look up in the
 * target's tracing backend.
 *
 * @param traceId the W3C trace id it was sent with, 32 lowercase hex digits
 * @param request the request's name
 * @param latencyUs from its intended send time to the end of its response, or to its timeout
 * @param status the response's status, or 0 when it timed out without one
 */
public record SlowRequest(String traceId, String request, long latencyUs, int status) {

  /** Slow requests an interval keeps, per worker and merged. */
  public static final int PER_INTERVAL = 3;

  private static final Comparator<SlowRequest> SLOWEST_FIRST =
      Comparator.comparingLong(SlowRequest::latencyUs).reversed().thenComparing(SlowRequest::traceId);

  /** The {@code limit} slowest of both lists, slowest first; either may be null. */
  public static List<SlowRequest> slowest(List<SlowRequest> a, List<SlowRequest> b, int limit) {
    List<SlowRequest> all = new ArrayList<>();
    if (a != null) {
      all.addAll(a);
    }
    if (b != null) {
      all.addAll(b);
    }
    all.sort(SLOWEST_FIRST);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  public boolean timedOut() {
    return status == 0;
  }
}
