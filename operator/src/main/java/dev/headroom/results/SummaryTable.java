package dev.headroom.results;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.Latency;
import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.api.v1alpha1.SlowTrace;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.ThresholdResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A run's results for a terminal: one row per request and a total, then each threshold with PASS
 * or FAIL.
 *
 * <pre>
 * request  requests  errors    rps    p50     p90     p99     max
 * browse     108000      20  899.8  7.9ms    21ms  41.2ms   130ms
 * total      120000      24  999.8  7.9ms    21ms  41.2ms   130ms
 *
 * thresholds
 *   PASS  p99 41.2ms &lt;= 500ms
 * </pre>
 */
public final class SummaryTable {

  private static final String[] HEADER = {
    "request", "requests", "errors", "rps", "p50", "p90", "p99", "max"
  };
  /** Journeys per scenario; their durations (arrival to last answer) where the requests have latencies. */
  private static final String[] SCENARIO_HEADER = {
    "scenario", "journeys", "failed", "journeys/s", "p50", "p90", "p99", "max", "failed by kind"
  };
  private static final String[] STEP_HEADER = {
    "step", "asked", "rps", "requests", "errors", "p50", "p99", "slo", ""
  };
  /** A search of scenarios steps journeys; its latencies stay the requests'. */
  private static final String[] JOURNEY_STEP_HEADER = {
    "step", "asked journeys/s", "journeys/s", "requests", "errors", "request p50", "request p99", "slo", ""
  };

  /** Columns 1 to 6 of the steps table hold figures; the verdict and the note read left to right. */
  private static final int STEP_FIGURES = 6;

  private SummaryTable() {}

  public static String render(RunReport report) {
    return render(report, null);
  }

  /** With a capacity search's steps, one row each, after the requests. */
  public static String render(RunReport report, CapacityResult capacity) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (RequestResult r : report.requests()) {
      rows.add(row(r.name(), r.requests(), r.errors(), r.rps(), r.latency()));
    }
    Summary s = report.summary();
    rows.add(row("total", s.requests(), s.errors(), s.rps(), s.latency()));

    StringBuilder out = new StringBuilder();
    appendAligned(rows, out, HEADER.length - 1);
    if (!report.scenarios().isEmpty()) {
      List<String[]> scenarios = new ArrayList<>();
      scenarios.add(SCENARIO_HEADER);
      for (ScenarioResult r : report.scenarios()) {
        String[] figures = row(r.name(), r.started(), r.failed(), r.rps(), r.duration());
        String[] withKinds = Arrays.copyOf(figures, SCENARIO_HEADER.length);
        withKinds[SCENARIO_HEADER.length - 1] = FailureKinds.text(r.failedByKind());
        scenarios.add(withKinds);
      }
      out.append('\n');
      appendAligned(scenarios, out, SCENARIO_HEADER.length - 2);
    }
    if (capacity != null && capacity.steps() != null && !capacity.steps().isEmpty()) {
      List<String[]> steps = new ArrayList<>();
      steps.add(report.scenarios().isEmpty() ? STEP_HEADER : JOURNEY_STEP_HEADER);
      for (CapacityStep step : capacity.steps()) {
        steps.add(new String[] {
          Integer.toString(step.step() + 1),
          Rates.text(step.targetRps()),
          step.rps() == null ? "-" : Rates.text(step.rps()),
          step.requests() == null ? "-" : Long.toString(step.requests()),
          orDash(step.errorRate()),
          orDash(step.p50()),
          orDash(step.p99()),
          step.passed() == null ? "-" : step.passed() ? "PASS" : "FAIL " + step.limitedBy(),
          step.note() == null ? "" : step.note()
        });
      }
      out.append('\n');
      appendAligned(steps, out, STEP_FIGURES);
    }
    if (!report.thresholds().isEmpty()) {
      out.append('\n').append("thresholds\n");
      for (ThresholdResult t : report.thresholds()) {
        out.append(Boolean.TRUE.equals(t.passed()) ? "  PASS  " : "  FAIL  ")
            .append(ThresholdText.of(t)).append('\n');
      }
    }
    if (report.trend() != null) {
      out.append('\n').append(report.trend().drift() ? "warning: " : "trend: ").append(report.trend().line())
          .append('\n').append("  (").append(report.trend().result().method()).append(")\n");
    }
    if (report.saturation().significant()) {
      out.append('\n').append("warning: ").append(report.saturation().describe()).append('\n');
    }
    return out.toString();
  }

  private static final String[] TRACE_HEADER = {"slowest traced", "latency", "status", "trace", ""};

  /**
   * The slowest traced requests, one row each: name, latency, status, trace id and link; empty
   * without any.
   */
  public static String slowestTraces(List<SlowTrace> traces) {
    if (traces == null || traces.isEmpty()) {
      return "";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(TRACE_HEADER);
    for (SlowTrace t : traces) {
      rows.add(new String[] {
        t.request(), t.latency(), t.status() == null ? "timeout" : t.status().toString(), t.traceId(),
        t.link() == null ? "" : t.link()
      });
    }
    StringBuilder out = new StringBuilder();
    appendAligned(rows, out, 2);
    return out.toString();
  }

  private static String[] row(String name, long requests, long errors, double rps, Latency l) {
    return new String[] {
      name,
      Long.toString(requests),
      Long.toString(errors),
      String.format(Locale.ROOT, "%.1f", rps),
      l == null ? "-" : l.p50(),
      l == null ? "-" : l.p90(),
      l == null ? "-" : l.p99(),
      l == null ? "-" : l.max()
    };
  }

  private static String orDash(String text) {
    return text == null ? "-" : text;
  }

  /**
   * The first column left-aligned, the figures right-aligned, two spaces apart; columns past the
   * last figure (a verdict, a note) left-aligned.
   */
  private static void appendAligned(List<String[]> rows, StringBuilder out, int figures) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String pad = " ".repeat(widths[i] - row[i].length());
        boolean left = i == 0 || i > figures;
        line.append(i == 0 ? row[i] + pad : left ? "  " + row[i] + pad : "  " + pad + row[i]);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
