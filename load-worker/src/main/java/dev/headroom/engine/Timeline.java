package dev.headroom.engine;

import dev.headroom.plan.ExecutionPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's load over time, from its start (nanoseconds): the warmup, then each stage, or steps
 * set later by {@code POST /rate}. It answers the two questions the engine asks, both from
 * absolute time so the schedule cannot drift: when is the k-th request of the whole run due, and
 * which interval does an instant belong to. Intervals are one second long but cut at every segment
 * boundary, so no interval spans two stages.
 *
 * <p>Immutable: a rate change or a stop makes a new timeline that agrees with the old one up to
 * that instant, and lanes switch to it on their own threads.
 */
public final class Timeline {

  static final long SECOND = 1_000_000_000L;
  public static final long OPEN_END = Long.MAX_VALUE;

  /**
   * A stretch of constant or linearly changing rate (open model) or of a user count (closed).
   *
   * @param ratePerSec rate at the segment start; {@code slopePerSec2} its change per second
   * @param countBefore requests of the whole run due before this segment (open model)
   * @param firstSeq the seq of this segment's first interval
   */
  record Segment(
      int stage,
      long start,
      long end,
      double ratePerSec,
      double slopePerSec2,
      int users,
      long thinkNanos,
      double countBefore,
      long firstSeq) {

    /** Requests due in the first {@code nanos} of the segment. */
    double countWithin(long nanos) {
      double s = nanos / (double) SECOND;
      return ratePerSec * s + slopePerSec2 * s * s / 2;
    }

    double count() {
      return end == OPEN_END ? Double.POSITIVE_INFINITY : countWithin(end - start);
    }

    long intervals() {
      return end == OPEN_END ? Long.MAX_VALUE : Math.max(1, ceilDiv(end - start, SECOND));
    }

    /** When the k-th request of the run is due, for a k in this segment. */
    long timeOf(long k) {
      return Math.min(start + offsetOf(Math.max(0, k - countBefore)), end - 1);
    }

    /** Offset from the segment start at which {@code c} requests are due. */
    long offsetOf(double c) {
      double s;
      if (Math.abs(slopePerSec2) < 1e-12) {
        s = c / ratePerSec;
      } else {
        double disc = ratePerSec * ratePerSec + 2 * slopePerSec2 * c;
        s = (-ratePerSec + Math.sqrt(Math.max(0, disc))) / slopePerSec2;
      }
      return (long) Math.ceil(s * SECOND);
    }
  }

  private final List<Segment> segments;

  private Timeline(List<Segment> segments) {
    this.segments = List.copyOf(segments);
  }

  /** The warmup (when set) then every stage of the plan. */
  public static Timeline of(ExecutionPlan plan) {
    Builder b = new Builder();
    List<ExecutionPlan.Phase> stages = plan.stages();
    if (plan.warmupNanos() > 0) {
      ExecutionPlan.Phase first = stages.get(0);
      b.add(-1, plan.warmupNanos(), first.rate(), first.rate(), first.users(), first.thinkNanos());
    }
    for (int i = 0; i < stages.size(); i++) {
      ExecutionPlan.Phase p = stages.get(i);
      b.add(i, p.durationNanos(), p.rate(), p.rampTo(), p.users(), p.thinkNanos());
    }
    return new Timeline(b.segments);
  }

  /** A timeline with no planned load: steps come from {@link #withRate}. */
  public static Timeline empty() {
    return new Timeline(List.of());
  }

  /** When the last segment ends; {@link #OPEN_END} while a step set by rate is open-ended. */
  public long end() {
    return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
  }

  /** The warmup's end: where measurement starts. */
  public long measuredStart() {
    for (Segment s : segments) {
      if (s.stage() >= 0) {
        return s.start();
      }
    }
    return end();
  }

  /**
   * Intended time of the k-th request of the whole run, or {@link #OPEN_END} when the run has no
   * k-th request.
   */
  public long timeOf(long k) {
    Segment s = segmentOfRequest(k);
    return s == null ? OPEN_END : s.timeOf(k);
  }

  /** The segment in which the k-th request of the run is due, or null when there is none. */
  Segment segmentOfRequest(long k) {
    for (Segment s : segments) {
      if ((s.ratePerSec() > 0 || s.slopePerSec2() > 0) && k - s.countBefore() < s.count()) {
        return s;
      }
    }
    return null;
  }

  /** The interval holding instant {@code t}, or null outside the timeline. */
  public Interval intervalAt(long t) {
    for (Segment s : segments) {
      if (t >= s.start() && t < s.end()) {
        long j = (t - s.start()) / SECOND;
        long start = s.start() + j * SECOND;
        long end = s.end() == OPEN_END ? start + SECOND : Math.min(start + SECOND, s.end());
        return new Interval(s.firstSeq() + j, s.stage(), start, end);
      }
    }
    return null;
  }

  /** Closed model: the users wanted at instant {@code t} (0 outside the timeline). */
  public int usersAt(long t) {
    Segment s = segmentAt(t);
    return s == null ? 0 : s.users();
  }

  public long thinkNanosAt(long t) {
    Segment s = segmentAt(t);
    return s == null ? 0 : s.thinkNanos();
  }

  /** Segment boundaries after {@code t}, where a closed-model lane must change its user count. */
  public long nextBoundaryAfter(long t) {
    for (Segment s : segments) {
      if (s.start() > t) {
        return s.start();
      }
      if (s.end() > t && s.end() != OPEN_END) {
        return s.end();
      }
    }
    return OPEN_END;
  }

  /** Total rate at instant {@code t} (open model), for progress displays. */
  public double rateAt(long t) {
    Segment s = segmentAt(t);
    return s == null ? 0 : s.ratePerSec() + s.slopePerSec2() * (t - s.start()) / (double) SECOND;
  }

  private Segment segmentAt(long t) {
    for (Segment s : segments) {
      if (t >= s.start() && t < s.end()) {
        return s;
      }
    }
    return null;
  }

  /**
   * From {@code at} on, a constant {@code rate} (open model) or {@code users} (closed) as step
   * {@code stage}, open-ended until the next change or stop. What was due before {@code at} is
   * unchanged.
   */
  public Timeline withStep(long at, int stage, double rate, int users, long thinkNanos) {
    Builder b = truncated(at);
    b.addOpen(stage, rate, users, thinkNanos);
    return new Timeline(b.segments);
  }

  /** Ends the run at {@code at}: nothing is due from then on. */
  public Timeline stoppedAt(long at) {
    return new Timeline(truncated(at).segments);
  }

  private Builder truncated(long at) {
    Builder b = new Builder();
    for (Segment s : segments) {
      if (s.start() >= at) {
        break;
      }
      b.keep(s, Math.min(s.end(), at));
    }
    if (b.segments.isEmpty() && at > 0) {
      b.gap(at);
    }
    return b;
  }

  /** One interval of the run: [start, end) in run nanoseconds. */
  public record Interval(long seq, int stage, long start, long end) {}

  private static final class Builder {
    final List<Segment> segments = new ArrayList<>();
    long at;
    double count;
    long seq;

    void add(int stage, long duration, double rate, double rampTo, int users, long think) {
      double slope = (rampTo - rate) / (duration / (double) SECOND);
      append(new Segment(stage, at, at + duration, rate, slope, users, think, count, seq));
    }

    void addOpen(int stage, double rate, int users, long think) {
      segments.add(new Segment(stage, at, OPEN_END, rate, 0, users, think, count, seq));
    }

    void keep(Segment s, long end) {
      append(new Segment(s.stage(), s.start(), end, s.ratePerSec(), s.slopePerSec2(), s.users(),
          s.thinkNanos(), s.countBefore(), s.firstSeq()));
    }

    /** Idle time before the first step of a run driven only by rate changes. */
    void gap(long end) {
      append(new Segment(-1, 0, end, 0, 0, 0, 0, 0, 0));
    }

    private void append(Segment s) {
      segments.add(s);
      at = s.end();
      count = s.countBefore() + s.count();
      seq = s.firstSeq() + s.intervals();
    }
  }

  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
