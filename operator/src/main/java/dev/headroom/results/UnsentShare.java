package dev.headroom.results;

import java.util.List;
import java.util.Locale;

/**
 * What one lost worker did not send of a planned run. A worker sends every N-th request of the
 * run's one sequence, so 1/N of every stage's rate; what it did not report is, to the results, not
 * sent. That is its share from the end of its last interval merged to where the run got (the end
 * of the plan, unless the run was cut short). Times are milliseconds into the stages, after any
 * warmup, which is planned load but not measured.
 *
 * @param worker the lost worker's index
 * @param fromMs where its share stopped: the end of its last measured interval, 0 when it had none
 * @param untilMs where the run's stages got to, at most their planned end
 * @param requests its requests due in between and not sent; null for the Closed model
 * @param plannedRequests every worker's requests over all the stages; null for the Closed model
 */
public record UnsentShare(int worker, long fromMs, long untilMs, Double requests, Double plannedRequests) {

  private static final long NANOS_PER_MS = 1_000_000;
  private static final String[] UNITS = {"", "k", "M", "G"};

  /**
   * @param stages the plan's stages, in order
   * @param workers how many workers share the load
   * @param lostAtMs the end of the worker's last interval merged, into the stages; 0 or less when
   *     none of its measured intervals was
   * @param reachedMs the end of the last interval merged from any worker, into the stages
   */
  public static UnsentShare of(List<PlannedStage> stages, int worker, int workers, long lostAtMs, long reachedMs) {
    long endMs = stages.stream().mapToLong(PlannedStage::durationNanos).sum() / NANOS_PER_MS;
    long from = Math.max(0, Math.min(lostAtMs, endMs));
    long until = Math.max(from, Math.min(reachedMs, endMs));
    Double unsent = requestsBetween(stages, from, until);
    return new UnsentShare(worker, from, until, unsent == null ? null : unsent / workers,
        requestsBetween(stages, 0, endMs));
  }

  /** Every worker's requests due between two instants into the stages; null for the Closed model. */
  private static Double requestsBetween(List<PlannedStage> stages, long fromMs, long toMs) {
    double sum = 0;
    long stageStart = 0;
    for (PlannedStage stage : stages) {
      Double due = stage.requestsBetween(fromMs * NANOS_PER_MS - stageStart, toMs * NANOS_PER_MS - stageStart);
      if (due == null) {
        return null;
      }
      sum += due;
      stageStart += stage.durationNanos();
    }
    return sum;
  }

  /**
   * For a run's final message: {@code worker 2's share not sent for the last 48m: ~1.2M of 8.6M
   * planned requests (14%)}; without the figures for the Closed model.
   */
  public String text() {
    if (untilMs == fromMs) {
      return "worker " + worker + " was lost with none of its share left to send";
    }
    String when = fromMs == 0 ? " at all" : " for the last " + RunMessage.span(untilMs - fromMs);
    String figures = requests == null || plannedRequests == null || plannedRequests == 0 ? ""
        : ": ~" + approx(requests) + " of " + approx(plannedRequests) + " planned requests ("
            + Percent.format(requests / plannedRequests) + ")";
    return "worker " + worker + "'s share not sent" + when + figures;
  }

  /** A count as a reader takes it in: 950, 1.2k, 12k, 8.6M. */
  static String approx(double n) {
    double v = n;
    int unit = 0;
    while (v >= 999.5 && unit < UNITS.length - 1) {
      v /= 1000;
      unit++;
    }
    String digits = unit > 0 && v < 9.95
        ? String.format(Locale.ROOT, "%.1f", v).replace(".0", "")
        : Long.toString(Math.round(v));
    return digits + UNITS[unit];
  }
}
