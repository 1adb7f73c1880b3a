package dev.headroom.engine;

/**
 * When an interval's numbers say the generator, not the target, may have been the limit. The
 * limits follow Hyperfoil's: a busy core, a stalled event loop, or sends leaving late.
 */
public final class Saturation {

  /** Send lag p99 above this means requests left late: the schedule was not kept. (Lower limits
   * flag the scheduling noise of a shared machine.) */
  public static final long SEND_LAG_P99_US = 5_000;
  /**
   * Below this many sends in an interval the lag p99 is the slowest send or close to it, which
   * says nothing of the generator: the first sends of a fresh JVM wait for class loading and
   * compilation, and would mark a 10 requests/s run saturated.
   */
  public static final long MIN_SENDS_FOR_LAG = 100;
  /** An event loop this busy has no slack left to keep the schedule. */
  public static final double BUSY_FRACTION = 0.80;
  /** An event-loop stall this long delays every request due meanwhile. */
  public static final long STALL_MS = 100;

  private Saturation() {}

  public static boolean saturated(long sends, long sendLagP99Us, double busy, long maxStallMs) {
    boolean late = sends >= MIN_SENDS_FOR_LAG && sendLagP99Us > SEND_LAG_P99_US;
    return late || busy > BUSY_FRACTION || maxStallMs > STALL_MS;
  }
}
