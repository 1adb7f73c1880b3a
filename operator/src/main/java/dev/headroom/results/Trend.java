package dev.headroom.results;

import dev.headroom.api.v1alpha1.TrendResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a long run changed between its first and last window, the degradation a soak run exists to
 * find, from its measured time series. Pure: no I/O, no clock.
 *
 * <p>Windows: each is {@code min(1h, measured span / 10)} long, the span running from the first
 * sample's start to the last one's end. The first window takes the samples that start within its
 * length of the series' start, the last those that end within its length of the series' end. A
 * histogram cannot be split, so a coarse sample straddling a boundary is counted whole in the
 * window it starts (first) or ends (last) in, and a window may reach up to one sample past its
 * nominal length. A sample that qualifies for both counts only in the first.
 *
 * <p>Drift: p99 or the error rate got worse, significantly ({@code p < }{@value #ALPHA}) and by
 * enough to matter, because with millions of requests any difference at all is significant:
 *
 * <ul>
 *   <li>p99: Mann-Whitney U on the windows' per-sample p99s, and the p99 of the last window's merged
 *       histogram at least {@code 1 + }{@value #P99_FLOOR} times the first's;
 *   <li>errors: chi-square on the 2x2 table of errors and successes (Fisher's exact where an
 *       expected count is under 5), and the last window's error rate at least {@value
 *       #ERROR_RATE_POINTS_FLOOR} (0.1 percentage points) above the first's and at least {@value
 *       #ERROR_RATE_RATIO_FLOOR} times it.
 * </ul>
 *
 * <p>Improvements are reported in the figures but never flagged. Nor is anything when the two
 * windows ran at rates more than {@value #RATE_TOLERANCE} apart (a ramp, a capacity search): a
 * target is slower at a higher rate, and that is no drift.
 */
public final class Trend {

  static final double ALPHA = Significance.ALPHA;
  static final double P99_FLOOR = 0.10;
  static final double ERROR_RATE_POINTS_FLOOR = 0.001;
  static final double ERROR_RATE_RATIO_FLOOR = 2;
  /** Windows whose achieved rates differ by more than this share measure different loads. */
  static final double RATE_TOLERANCE = 0.10;
  /** Below this a run is no soak, and a tenth of it too short a window to mean anything. */
  static final Duration MIN_SPAN = Duration.ofMinutes(10);
  /**
   * The fewest samples in each window, and the fewest with responses for the p99 test: at 5
   * against 5, Mann-Whitney's smallest two-sided p is 2/252 (0.008), the first size at which it can
   * reach {@value #ALPHA} at all. A window with fewer responses (a target that stopped answering)
   * still has its error rate compared.
   */
  static final int MIN_SAMPLES = 5;

  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final long windowMs;
  private final SampleWindow first;
  private final SampleWindow last;
  private final Significance p99Test;
  private final Significance errorTest;

  private Trend(long windowMs, SampleWindow first, SampleWindow last) {
    this.windowMs = windowMs;
    this.first = first;
    this.last = last;
    this.p99Test = first.respondedSamples() < MIN_SAMPLES || last.respondedSamples() < MIN_SAMPLES
        ? Significance.untestedP99s(MIN_SAMPLES)
        : Significance.ofP99s(first.sampleP99s(), last.sampleP99s());
    this.errorTest = Significance.ofErrors(first.total(), last.total());
  }

  /**
   * The trend of a series of samples in time order; empty when the series spans under 10 minutes
   * or either window has fewer than {@value #MIN_SAMPLES} samples.
   */
  public static Optional<Trend> of(List<TrendSample> samples) {
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    long start = samples.get(0).startMs();
    long end = samples.get(samples.size() - 1).endMs();
    if (end - start < MIN_SPAN.toMillis()) {
      return Optional.empty();
    }
    long windowMs = Math.min(HOUR_MS, (end - start) / 10);
    int firstCount = 0;
    while (firstCount < samples.size() && samples.get(firstCount).startMs() < start + windowMs) {
      firstCount++;
    }
    int lastFrom = samples.size();
    while (lastFrom > firstCount && samples.get(lastFrom - 1).endMs() > end - windowMs) {
      lastFrom--;
    }
    SampleWindow first = new SampleWindow(samples.subList(0, firstCount));
    SampleWindow last = new SampleWindow(samples.subList(lastFrom, samples.size()));
    if (firstCount < MIN_SAMPLES || samples.size() - lastFrom < MIN_SAMPLES) {
      return Optional.empty();
    }
    return Optional.of(new Trend(windowMs, first, last));
  }

  /** The figures for status. */
  public TrendResult result() {
    return new TrendResult(
        RunMessage.span(windowMs), first.status(), last.status(), Percent.change(p99Change()),
        Percent.points(errorRateChange()), drift(), p99Test.text() + "; " + errorTest.text());
  }

  public boolean drift() {
    return comparable() && (p99Drifted() || errorRateDrifted());
  }

  /** The two windows ran at about the same rate, so what changed between them is the target. */
  boolean comparable() {
    double from = first.total().rps();
    double to = last.total().rps();
    return from > 0 && Math.abs(to / from - 1) <= RATE_TOLERANCE;
  }

  /**
   * One line for messages: {@code p99 drifted from 41ms to 63ms (+54%) between the first and last
   * hour}, or {@code no drift between the first and last hour: p99 41ms → 42ms (+2%), error rate 0%
   * → 0% (0pp)}.
   */
  public String line() {
    String link = drift() ? " to " : " → ";
    String p99 = orDash(first.status().p99()) + link + orDash(last.status().p99())
        + " (" + Percent.change(p99Change()) + ")";
    String errorRate = first.status().errorRate() + link + last.status().errorRate()
        + " (" + Percent.points(errorRateChange()) + ")";
    String between = "between the first and last " + (windowMs == HOUR_MS ? "hour" : RunMessage.span(windowMs));
    if (!comparable()) {
      return "not compared " + between + ": they ran at " + Rates.text(Rates.round(first.total().rps())) + " and "
          + Rates.text(Rates.round(last.total().rps())) + " rps";
    }
    if (!drift()) {
      return "no drift " + between + ": p99 " + p99 + ", error rate " + errorRate;
    }
    StringBuilder line = new StringBuilder();
    if (p99Drifted()) {
      line.append("p99 drifted from ").append(p99);
    }
    if (errorRateDrifted()) {
      line.append(p99Drifted() ? " and error rate from " : "error rate drifted from ").append(errorRate);
    }
    return line.append(' ').append(between).toString();
  }

  private static String orDash(String text) {
    return text == null ? "-" : text;
  }

  Significance p99Test() {
    return p99Test;
  }

  Significance errorTest() {
    return errorTest;
  }

  boolean p99Drifted() {
    return p99Test.p() < ALPHA && p99Change() >= P99_FLOOR;
  }

  boolean errorRateDrifted() {
    double from = first.total().errorRate();
    double to = last.total().errorRate();
    return errorTest.p() < ALPHA
        && to - from >= ERROR_RATE_POINTS_FLOOR
        && to >= ERROR_RATE_RATIO_FLOOR * from;
  }

  /** Relative; a p99 of 0 µs (synthetic data only) is taken as 1 µs, the histogram's resolution. */
  private double p99Change() {
    return (double) last.p99Micros() / Math.max(1, first.p99Micros()) - 1;
  }

  private double errorRateChange() {
    return last.total().errorRate() - first.total().errorRate();
  }
}
