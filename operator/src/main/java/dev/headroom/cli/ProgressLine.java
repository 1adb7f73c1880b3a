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
 * The live line of {@code headroom run}: rewritten in place on a terminal, one line every ten
 * seconds when the output is a log.
 */
final class ProgressLine implements RunDriver.Listener {

  private static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final boolean quiet;
  private final String total;
  private long lastLog;
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
    } else if (System.nanoTime() - lastLog >= LOG_EVERY_NANOS) {
      lastLog = System.nanoTime();
      err.println(line);
      err.flush();
    }
  }

  /** Ends the in-place line so what follows starts on its own. */
  void done() {
    if (terminal && width > 0) {
      err.println();
      err.flush();
    }
  }
}
