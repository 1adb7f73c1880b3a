package dev.headroom.engine;

/**
 * The run's time base, shared by every lane of a worker: nanoseconds since the agreed start
 * instant (negative before it), and the epoch milliseconds of that instant for reports. Workers
 * on different machines agree on the epoch start; within a process the monotonic clock is used.
 */
public final class RunClock {

  private final long startEpochMs;
  private final long startNanos;

  private RunClock(long startEpochMs, long startNanos) {
    this.startEpochMs = startEpochMs;
    this.startNanos = startNanos;
  }

  /** A run that starts at {@code startEpochMs} (wall clock), tracked on the monotonic clock. */
  public static RunClock startingAt(long startEpochMs) {
    long nanosUntil = (startEpochMs - System.currentTimeMillis()) * 1_000_000L;
    return new RunClock(startEpochMs, System.nanoTime() + nanosUntil);
  }

  public long now() {
    return System.nanoTime() - startNanos;
  }

  public long epochMs(long runNanos) {
    return startEpochMs + Math.floorDiv(runNanos, 1_000_000L);
  }

  /** Run nanoseconds of an epoch-millisecond instant. */
  public long runNanos(long epochMs) {
    return (epochMs - startEpochMs) * 1_000_000L;
  }

  public long startEpochMs() {
    return startEpochMs;
  }
}
