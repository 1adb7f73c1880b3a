package dev.headroom.target;

/**
 * When the demo target freezes: during {@code [epoch + k*every, epoch + k*every + stall)} for every
 * integer {@code k}, on the {@link System#nanoTime()} clock. During a freeze no work is done and no
 * response is sent, like a stop-the-world pause; work in progress resumes when the freeze ends.
 *
 * <p>{@code k} runs over all integers, so the schedule is periodic in both directions and a target
 * whose epoch is its start is frozen for the first {@code stall} of its life.
 *
 * @param epochNanos a freeze starts here ({@code System.nanoTime()} value)
 * @param stallNanos how long each freeze lasts; 0 means the target never freezes
 * @param everyNanos the period from one freeze start to the next; longer than {@code stallNanos}
 */
public record FreezeSchedule(long epochNanos, long stallNanos, long everyNanos) {

  private static final FreezeSchedule NONE = new FreezeSchedule(0, 0, 1);

  public FreezeSchedule {
    if (stallNanos < 0 || everyNanos <= 0 || (stallNanos > 0 && stallNanos >= everyNanos)) {
      throw new IllegalArgumentException(
          "a freeze schedule needs 0 <= stall < every, got stall " + stallNanos + "ns, every " + everyNanos + "ns");
    }
  }

  /** A target that never freezes. */
  public static FreezeSchedule none() {
    return NONE;
  }

  /** Whether the target freezes at all. */
  public boolean freezes() {
    return stallNanos > 0;
  }

  /** Whether {@code nanoTime} falls inside a freeze. */
  public boolean isFrozenAt(long nanoTime) {
    return freezes() && phase(nanoTime) < stallNanos;
  }

  /** The end of the freeze that contains {@code nanoTime}, or {@code nanoTime} itself when not frozen. */
  public long thawAt(long nanoTime) {
    if (!isFrozenAt(nanoTime)) {
      return nanoTime;
    }
    return nanoTime - phase(nanoTime) + stallNanos;
  }

  /**
   * The first unfrozen instant by which {@code workNanos} of work that may start at {@code startNanos}
   * is done, the work progressing only outside freezes. Work that would end exactly as a freeze begins
   * is answered when that freeze ends, so no answer ever falls inside a freeze.
   */
  public long finishWork(long startNanos, long workNanos) {
    if (!freezes()) {
      return startNanos + workNanos;
    }
    long begin = thawAt(startNanos);
    long runNanos = everyNanos - stallNanos;
    // Work already done since the last thaw, as if this request had started there.
    long sinceThaw = phase(begin) - stallNanos;
    long total = sinceThaw + workNanos;
    long lastThaw = begin - sinceThaw;
    return lastThaw + (total / runNanos) * everyNanos + total % runNanos;
  }

  private long phase(long nanoTime) {
    return Math.floorMod(nanoTime - epochNanos, everyNanos);
  }
}
