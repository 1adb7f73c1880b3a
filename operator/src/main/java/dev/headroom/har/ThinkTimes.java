package dev.headroom.har;

import dev.headroom.plan.Durations;
import dev.headroom.plan.Think;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The pauses of the recorded user: from the end of one answer to the start of the next request,
 * the time spent reading a page or typing. Gaps under {@link #MIN} are the browser's own pace
 * (scripts firing the next call), not a user's, so they are not steps.
 */
final class ThinkTimes {

  static final Duration MIN = Duration.ofMillis(100);
  private static final long STEP_MS = 10;

  private ThinkTimes() {}

  /** The pause between two entries as a fixed think, or null when there is none to speak of. */
  static Think between(HarEntry previous, HarEntry next) {
    Duration gap = Duration.between(previous.ended(), next.started());
    if (gap.compareTo(MIN) < 0) {
      return null;
    }
    long ms = Math.round(gap.toNanos() / (STEP_MS * 1_000_000.0)) * STEP_MS;
    return Think.fixed(format(ms));
  }

  /**
   * The shortest form the API reads back exactly: {@code 850ms}, {@code 1.25s}, {@code 2m}; the
   * project's formatter keeps three digits, so a longer pause is written in seconds
   * ({@code 12.34s}) rather than rounded again.
   */
  static String format(long ms) {
    String span = Durations.formatSpan(Duration.ofMillis(ms));
    if (Durations.parse(span).toMillis() == ms) {
      return span;
    }
    return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
  }
}
