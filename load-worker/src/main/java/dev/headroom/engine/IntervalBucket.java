package dev.headroom.engine;

import dev.headroom.report.ErrorKind;
import dev.headroom.report.HistogramCodec;
import dev.headroom.worker.http.TraceContext;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one lane saw of one interval, for requests whose intended time fell in it. Owned by the
 * lane's event loop: no locks. Buckets are reused from interval to interval, so recording a
 * request allocates nothing.
 */
final class IntervalBucket {

  private static final int STATUSES = 600;
  private static final ErrorKind[] KINDS = ErrorKind.values();

  final Histogram[] latencyUs;
  final long[] count;
  final long[] bytes;
  /** [request][kind] */
  final long[][] errors;
  /** [request][status], only for unexpected statuses. */
  final long[][] statusErrors;
  final Histogram sendLagUs = HistogramCodec.newHistogram();
  final SlowestTraced slowest = new SlowestTraced();

  long seq = -1;
  int stage;
  long start;
  long end;
  /** Requests created in this interval that have not ended yet. */
  int outstanding;
  long maxStallNanos;

  IntervalBucket(int requests) {
    latencyUs = new Histogram[requests];
    for (int i = 0; i < requests; i++) {
      latencyUs[i] = HistogramCodec.newHistogram();
    }
    count = new long[requests];
    bytes = new long[requests];
    errors = new long[requests][KINDS.length];
    statusErrors = new long[requests][STATUSES];
  }

  void reset(Timeline.Interval interval) {
    seq = interval.seq();
    stage = interval.stage();
    start = interval.start();
    end = interval.end();
    outstanding = 0;
    maxStallNanos = 0;
    for (int i = 0; i < latencyUs.length; i++) {
      latencyUs[i].reset();
      errors[i] = zero(errors[i]);
      statusErrors[i] = zero(statusErrors[i]);
    }
    Arrays.fill(count, 0);
    Arrays.fill(bytes, 0);
    sendLagUs.reset();
    slowest.reset();
  }

  private static long[] zero(long[] a) {
    Arrays.fill(a, 0);
    return a;
  }

  void response(int request, long latencyNanos, boolean expected, int status, long responseBytes) {
    latencyUs[request].recordValue(clampUs(latencyNanos));
    count[request]++;
    bytes[request] += responseBytes;
    if (!expected) {
      statusErrors[request][Math.min(Math.max(status, 0), STATUSES - 1)]++;
    }
    outstanding--;
  }

  void error(int request, ErrorKind kind) {
    count[request]++;
    errors[request][kind.ordinal()]++;
    outstanding--;
  }

  /** A request that carried trace context ended: with a response, or {@code status} 0 at its timeout. */
  void traced(TraceContext trace, int request, long latencyNanos, int status) {
    slowest.offer(trace, request, clampUs(latencyNanos), status);
  }

  void sendLag(long lagNanos) {
    sendLagUs.recordValue(clampUs(lagNanos));
  }

  static long clampUs(long nanos) {
    long us = Math.max(HistogramCodec.LOWEST_US, nanos / 1_000);
    return Math.min(us, HistogramCodec.HIGHEST_US);
  }

  static ErrorKind kind(int ordinal) {
    return KINDS[ordinal];
  }

  static int statuses() {
    return STATUSES;
  }
}
