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
  /** Per journey (scenario) of the plan, for journeys that arrived in this interval. */
  final long[] journeysStarted;
  final long[] journeysCompleted;
  /** Durations of completed journeys, arrival to last answer. */
  final Histogram[] journeyUs;
  /** [journey][kind] and [journey][status]: why journeys ended early, by the step that ended them. */
  final long[][] journeyErrors;
  final long[][] journeyStatusErrors;
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
    this(requests, 0);
  }

  IntervalBucket(int requests, int journeys) {
    journeysStarted = new long[journeys];
    journeysCompleted = new long[journeys];
    journeyUs = new Histogram[journeys];
    for (int i = 0; i < journeys; i++) {
      journeyUs[i] = HistogramCodec.newHistogram();
    }
    journeyErrors = new long[journeys][KINDS.length];
    journeyStatusErrors = new long[journeys][STATUSES];
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
    Arrays.fill(journeysStarted, 0);
    Arrays.fill(journeysCompleted, 0);
    for (int j = 0; j < journeyUs.length; j++) {
      journeyUs[j].reset();
      journeyErrors[j] = zero(journeyErrors[j]);
      journeyStatusErrors[j] = zero(journeyStatusErrors[j]);
    }
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

  void journeyStarted(int journey) {
    journeysStarted[journey]++;
    outstanding++; // the interval waits for the journey's end, to record it
  }

  void journeyCompleted(int journey, long durationNanos) {
    journeysCompleted[journey]++;
    journeyUs[journey].recordValue(clampUs(durationNanos));
    outstanding--;
  }

  /** The journey ended early at a step that failed with {@code kind}. */
  void journeyFailed(int journey, ErrorKind kind) {
    journeyErrors[journey][kind.ordinal()]++;
    outstanding--;
  }

  /** The journey ended early at a step answered with unexpected {@code status}. */
  void journeyFailed(int journey, int status) {
    journeyStatusErrors[journey][Math.min(Math.max(status, 0), STATUSES - 1)]++;
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
