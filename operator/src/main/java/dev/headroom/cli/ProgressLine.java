package dev.headroom.cli;

import dev.headroom.api.v1alpha1.Progress;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.capacity.CapacityReport;
import dev.headroom.local.RunDriver;
import dev.headroom.plan.Durations;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.session.RunSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * The live line of {@code headroom run}: rewritten in place on a terminal; when the output is a
 * log, a line every ten seconds at first and less often as the run grows (see {@link #logGap}), so
 * a day-long soak writes a couple of hundred lines, not thousands.
 */
final class ProgressLine implements RunDriver.Listener {

  private static final Duration LOG_GAP_MIN = Duration.ofSeconds(10);
  private static final Duration LOG_GAP_MAX = Duration.ofMinutes(10);
  /** A log line every 1/30 of the time run so far, between the bounds above. */
  private static final int LOG_LINES_PER_SPAN = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private final boolean quiet;
  private final String total;
  private final long startedNanos = System.nanoTime();
  private long lastLog = Long.MIN_VALUE;
  private int width;

  /**
   * @param capacity the plan of a capacity search, whose length is not known ahead; null for a run
   *     of fixed stages
   */
  ProgressLine(PrintWriter err, boolean terminal, boolean quiet, ExecutionPlan plan, CapacityPlan capacity) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
    this.total = capacity == null
        ? Durations.formatSpan(Duration.ofNanos(plan.warmupNanos() + plan.measuredNanos()))
        : null;
  }

  @Override
  public void started(long startAtEpochMs) {
    if (!quiet) {
      err.println("headroom run: workers ready, " + (total == null
          ? "searching for the highest rate that meets the SLO"
          : "running for " + total));
      err.flush();
    }
  }

  @Override
  public void progress(RunSession session) {
    Optional<Progress> progress = session.results().progress();
    if (quiet || progress.isEmpty()) {
      return;
    }
    Progress p = progress.get();
    String line = String.format("  %s%s   %s rps   p99 %s   %d errors",
        p.elapsed(), total == null ? "" : " / " + total, p.rps() == null ? "-" : p.rps(),
        p.p99() == null ? "-" : p.p99(), p.errors() == null ? 0 : p.errors());
    line += session.search().filter(c -> !c.finished()).map(c -> "   " + CapacityReport.progressLine(c)).orElse("");
    if (terminal) {
      err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
      err.flush();
    } else if (lastLog == Long.MIN_VALUE
        || System.nanoTime() - lastLog >= logGap(Duration.ofNanos(System.nanoTime() - startedNanos)).toNanos()) {
      lastLog = System.nanoTime();
      err.println(line);
      err.flush();
    }
  }

  /**
   * The time between log lines {@code elapsed} into a run: 10 s for the first five minutes, then
   * growing with the run (2 min an hour in), at most 10 min.
   */
  static Duration logGap(Duration elapsed) {
    Duration gap = elapsed.dividedBy(LOG_LINES_PER_SPAN);
    return gap.compareTo(LOG_GAP_MIN) < 0 ? LOG_GAP_MIN : gap.compareTo(LOG_GAP_MAX) > 0 ? LOG_GAP_MAX : gap;
  }

  /** Ends the in-place line so what follows starts on its own. */
  void done() {
    if (terminal && width > 0) {
      err.println();
      err.flush();
    }
  }
}
