package dev.headroom.engine;

/**
 * {@link Timeline#timeOf(long)} for a lane's rising k, without searching the segments per request:
 * it keeps the segment of the last k and trusts it up to the segment's end, and never for more than
 * a second ahead.
 *
 * <p>The second matters more than the search it saves. A lane's send loop is compiled while the
 * warmup runs; had the segment lookup never happened by then, the compiler would have left it out,
 * and the first request of the measured stage would throw the compiled loop away (a
 * deoptimization, then some hundred milliseconds of slower code at full rate, seen as send lag).
 * Looking the segment up again every second makes it an ordinary, already-compiled path.
 */
final class ScheduleCursor {

  private final Timeline timeline;
  private Timeline.Segment segment;
  /** The segment holds every k with {@code k - segment.countBefore()} below this. */
  private double trustedBelow = Double.NEGATIVE_INFINITY;

  ScheduleCursor(Timeline timeline) {
    this.timeline = timeline;
  }

  /** When the k-th request of the run is due; k never decreases from one call to the next. */
  long timeOf(long k) {
    if (segment != null && k - segment.countBefore() < trustedBelow) {
      return segment.timeOf(k);
    }
    return lookUp(k);
  }

  private long lookUp(long k) {
    segment = timeline.segmentOfRequest(k);
    if (segment == null) {
      trustedBelow = Double.NEGATIVE_INFINITY;
      return Timeline.OPEN_END;
    }
    long t = segment.timeOf(k);
    long horizon = segment.end() - t <= Timeline.SECOND ? segment.end() : t + Timeline.SECOND;
    trustedBelow = horizon == segment.end() ? segment.count() : segment.countWithin(horizon - segment.start());
    return t;
  }
}
