package dev.headroom.engine;

/**
 * How busy a lane's thread was, as a fraction of one core, read each time an interval closes.
 *
 * <p>Intervals do not close evenly: a stage boundary leaves a sliver of a few milliseconds, and
 * intervals held open by slow answers or cut short by an early end close together in one instant.
 * CPU over such a short window is mostly the closing itself and reads as a busy core. So a window
 * shorter than {@link #MIN_WINDOW_NANOS} is not measured on its own: it gets the last full
 * window's figure and its time counts towards the next one.
 */
final class BusyMeter {

  static final long MIN_WINDOW_NANOS = 200_000_000L;

  private long sinceCpuNanos;
  private long sinceWallNanos;
  private double last;

  void start(long cpuNanos, long wallNanos) {
    sinceCpuNanos = cpuNanos;
    sinceWallNanos = wallNanos;
    last = 0;
  }

  /** The busy fraction, 0 to 1, for an interval closing at these readings of the thread's clocks. */
  double read(long cpuNanos, long wallNanos) {
    long wall = wallNanos - sinceWallNanos;
    if (wall < MIN_WINDOW_NANOS) {
      return last;
    }
    last = Math.min(1, Math.max(0, (cpuNanos - sinceCpuNanos) / (double) wall));
    sinceCpuNanos = cpuNanos;
    sinceWallNanos = wallNanos;
    return last;
  }
}
