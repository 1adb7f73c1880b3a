package dev.headroom.htmlreport;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.Latency;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.RegressionCheck;
import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.api.v1alpha1.SlowTrace;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.Threshold;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.engine.Saturation;
import dev.headroom.plan.Durations;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Tracing;
import dev.headroom.report.SlowRequest;
import dev.headroom.results.IntervalFigures;
import dev.headroom.results.RunFigures;
import dev.headroom.session.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * A run's report as one self-contained HTML file: no script, no font, no image or style fetched
 * (its Content-Security-Policy forbids it), so it opens air-gapped and as an e-mail attachment.
 * The verdict and one sentence come first, for the reader who reads nothing else; then the charts
 * (throughput and errors, latencies over time, the percentile spectrum, the capacity knee) and the
 * tables they summarise.
 */
public final class ReportPage {

  /** The percentiles the spectrum is drawn through, HdrHistogram-style: denser towards the tail. */
  private static final double[] SPECTRUM = spectrumPoints();

  private final ReportInput in;
  private final LoadTestStatus s;

  private ReportPage(ReportInput in) {
    this.in = in;
    this.s = in.status();
  }

  public static String render(ReportInput in) {
    return new ReportPage(in).html();
  }

  private String html() {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"color-scheme\" content=\"light dark\">")
        .append("<title>").append(Html.text(in.name() + ": " + verdictWord())).append("</title><style>")
        .append(ReportStyle.CSS).append("</style></head><body>");
    header(b);
    charts(b);
    tables(b);
    b.append("<footer>Headroom report of ").append(Html.text(in.name())).append(", run ")
        .append(Html.text(s.getRun())).append(". Latencies are measured from each request's intended send time,")
        .append(" so a stalled target shows in them (no coordinated omission); all figures come from the workers'")
        .append(" exactly merged HdrHistograms.</footer></body></html>");
    return b.toString();
  }

  private String verdictWord() {
    if (s.getVerdict() != null) {
      return s.getVerdict().name();
    }
    return s.getPhase() == null ? "no result" : s.getPhase().name();
  }

  private void header(StringBuilder b) {
    String tone = s.getVerdict() == Verdict.Pass ? "pass" : s.getVerdict() == Verdict.Fail ? "fail" : "none";
    b.append("<header><p class=\"verdict ").append(tone).append("\">").append(verdictWord())
        .append("</p><div><h1>").append(Html.text(in.name())).append("</h1><p class=\"summary\">")
        .append(Html.text(s.getMessage())).append("</p><p class=\"when\">")
        .append(Html.text(s.getStartTime())).append(" to ").append(Html.text(s.getCompletionTime()))
        .append("</p></div></header>");
    b.append("<dl class=\"figures\">");
    CapacityResult c = s.getCapacity();
    if (c != null) {
      // A search's whole-run latencies and errors mix every rate it tried: its figures are the knee.
      String unit = perSecond("rps");
      figure(b, "sustainable", rate(c.maxSustainableRps(), unit, "none"));
      figure(b, "breaks at", rate(c.breakingRps(), unit, "not reached"));
      figure(b, "limited by", c.limitedBy());
      figure(b, "headroom", c.headroom());
      figure(b, "steps", c.steps() == null ? 0 : c.steps().size());
    } else if (s.getSummary() != null) {
      Summary sum = s.getSummary();
      // A run of scenarios is judged by its journeys first; its request figures are named as such.
      boolean journeys = journeys();
      if (journeys) {
        figure(b, "journeys", count(s.getScenarios().stream().mapToLong(ScenarioResult::started).sum()));
        figure(b, "achieved rate", rate(sum.journeysPerSecond(), "journeys/s", null));
      }
      figure(b, "requests", count(sum.requests()));
      figure(b, journeys ? "request rate" : "achieved rate", rate(sum.rps(), null));
      figure(b, journeys ? "request p99" : "p99", sum.latency() == null ? null : sum.latency().p99());
      figure(b, "errors", sum.errorRate());
    }
    b.append("</dl>");
  }

  /** Whether the run was of scenarios, whose stage rates count journeys. */
  private boolean journeys() {
    return s.getScenarios() != null && !s.getScenarios().isEmpty();
  }

  /** A rate's unit: journeys per second for a run of scenarios, else {@code requests} as the caller writes it. */
  private String perSecond(String requests) {
    return journeys() ? "journeys/s" : requests;
  }

  private static String count(Long n) {
    return n == null ? null : String.format(Locale.ROOT, "%,d", n);
  }

  private static String rate(Double rps, String otherwise) {
    return rate(rps, "rps", otherwise);
  }

  private static String rate(Double perSecond, String unit, String otherwise) {
    return perSecond == null ? otherwise : perSecond + " " + unit;
  }

  private static void figure(StringBuilder b, String label, Object value) {
    if (value == null) {
      return;
    }
    b.append("<div><dt>").append(Html.text(label)).append("</dt><dd>").append(Html.text(value)).append("</dd></div>");
  }

  private void charts(StringBuilder b) {
    long t0 = origin();
    List<SvgChart> charts = new ArrayList<>(List.of(throughput(t0), latencyOverTime(t0), spectrum()));
    if (s.getCapacity() != null) {
      charts.addAll(knee(s.getCapacity()));
    }
    charts.add(sendLag(t0));
    b.append("<div class=\"charts\">");
    charts.stream().filter(c -> !c.isEmpty()).forEach(c -> b.append(c.render()));
    b.append("</div>");
  }

  /** The first measured instant: time on every chart is seconds since it. */
  private long origin() {
    long fromSeries = in.series().isEmpty() ? Long.MAX_VALUE : in.series().get(0).startMs();
    long fromLog = in.run().intervals().isEmpty() ? Long.MAX_VALUE : in.run().intervals().get(0).startMs();
    long t0 = Math.min(fromSeries, fromLog);
    return t0 == Long.MAX_VALUE ? 0 : t0;
  }

  private SvgChart throughput(long t0) {
    List<double[]> rps = new ArrayList<>();
    List<double[]> errors = new ArrayList<>();
    long lastEnd = Long.MIN_VALUE;
    for (SeriesPoint p : in.series()) {
      if (gap(lastEnd, p.startMs(), p.endMs())) {
        rps.add(BREAK);
        errors.add(BREAK);
      }
      lastEnd = p.endMs();
      double seconds = Math.max(1, p.endMs() - p.startMs()) / 1000.0;
      double mid = midpoint(p.startMs(), p.endMs(), t0);
      rps.add(new double[] {mid, p.requests() / seconds});
      errors.add(new double[] {mid, p.errors() / seconds});
    }
    SvgChart chart = new SvgChart("throughput", "Requests and errors per second", "seconds", "per second")
        .line("requests/s", 1, rps).line("errors/s", 4, errors);
    stageMarks(chart);
    return chart;
  }

  /**
   * Whether the generator kept its schedule: the worst worker's send-lag p99 over time against the
   * limit past which an interval counts as saturated, and the stretches that were.
   */
  private SvgChart sendLag(long t0) {
    List<double[]> lag = new ArrayList<>();
    List<SvgChart.Mark> saturated = new ArrayList<>();
    long lastEnd = Long.MIN_VALUE;
    for (SeriesPoint p : in.series()) {
      if (p.sendLagP99Us() == null) {
        continue;
      }
      if (gap(lastEnd, p.startMs(), p.endMs())) {
        lag.add(BREAK);
      }
      lastEnd = p.endMs();
      double mid = midpoint(p.startMs(), p.endMs(), t0);
      lag.add(new double[] {mid, ms(p.sendLagP99Us())});
      if (p.saturated() != null && p.saturated() > 0) {
        saturated.add(new SvgChart.Mark(mid, ms(p.sendLagP99Us()), saturatedTitle(p), null));
      }
    }
    SvgChart chart = new SvgChart("generator", "Generator send lag (p99 of the worst worker)", "seconds", "milliseconds")
        .line("send lag p99", 5, lag)
        .marks("saturated", 4, saturated)
        .horizontal(ms(Saturation.SEND_LAG_P99_US), "saturated above " + Durations.formatMicros(Saturation.SEND_LAG_P99_US));
    stageMarks(chart);
    return chart;
  }

  /**
   * What a saturated stretch's ring says. Below the lag limit the flag came from elsewhere (a busy
   * event loop or a stall), which a ring low on the chart would otherwise leave unexplained.
   */
  private static String saturatedTitle(SeriesPoint p) {
    String count = p.saturated() + " worker-interval" + (p.saturated() == 1 ? "" : "s") + " saturated";
    return p.sendLagP99Us() > Saturation.SEND_LAG_P99_US
        ? count + ": sends left late"
        : count + ": sends kept their schedule (lag p99 " + Durations.formatMicros(p.sendLagP99Us())
            + "), the flag came from a busy event loop or a stall";
  }

  /** Where a stretch is drawn on a time axis: its middle, in seconds since {@code t0}. */
  private static double midpoint(long startMs, long endMs, long t0) {
    return ((startMs + endMs) / 2.0 - t0) / 1000;
  }

  /** A point that breaks a line: nothing was measured between its neighbours. */
  private static final double[] BREAK = {0, Double.NaN};

  /** More than a stretch's own length of nothing since the last one: the line should not bridge it. */
  private static boolean gap(long lastEndMs, long startMs, long endMs) {
    return lastEndMs != Long.MIN_VALUE && startMs - lastEndMs > Math.max(1000, endMs - startMs);
  }

  /** A mark where each planned stage begins (the warmup is not measured, so time 0 is stage 0). */
  private void stageMarks(SvgChart chart) {
    if (in.spec() == null || in.spec().load() == null || in.spec().load().stages() == null) {
      return;
    }
    double at = 0;
    List<Stage> stages = in.spec().load().stages();
    for (int i = 0; i < stages.size(); i++) {
      if (stages.size() > 1) {
        chart.vertical(at, "stage " + i);
      }
      at += Durations.parse(stages.get(i).duration()).toMillis() / 1000.0;
    }
  }

  private SvgChart latencyOverTime(long t0) {
    List<double[]> p50 = new ArrayList<>();
    List<double[]> p90 = new ArrayList<>();
    List<double[]> p99 = new ArrayList<>();
    List<double[]> max = new ArrayList<>();
    long lastEnd = Long.MIN_VALUE;
    for (IntervalFigures h : in.run().intervals()) {
      if (h.responses() == 0) {
        continue;
      }
      if (gap(lastEnd, h.startMs(), h.endMs())) {
        List.of(p50, p90, p99, max).forEach(l -> l.add(BREAK));
      }
      lastEnd = h.endMs();
      double mid = midpoint(h.startMs(), h.endMs(), t0);
      p50.add(new double[] {mid, ms(h.p50())});
      p90.add(new double[] {mid, ms(h.p90())});
      p99.add(new double[] {mid, ms(h.p99())});
      max.add(new double[] {mid, ms(h.max())});
    }
    SvgChart chart = new SvgChart("latency", "Latency percentiles per interval", "seconds", "milliseconds")
        .line("p50", 1, p50).line("p90", 2, p90).line("p99", 3, p99).line("max", 5, max)
        .marks("slowest traced", 4, tracedMarks(t0));
    stageMarks(chart);
    return chart;
  }

  /** Each stretch's slowest traced request, where it ended up: a pointer shows its trace id. */
  private List<SvgChart.Mark> tracedMarks(long t0) {
    List<SvgChart.Mark> marks = new ArrayList<>();
    for (SeriesPoint p : in.series()) {
      if (p.slowest() == null || p.slowest().isEmpty()) {
        continue;
      }
      SlowRequest slowest = p.slowest().get(0);
      double mid = midpoint(p.startMs(), p.endMs(), t0);
      String title = slowest.request() + " " + Durations.formatMicros(slowest.latencyUs())
          + (slowest.timedOut() ? " (timed out)" : "") + ", trace " + slowest.traceId();
      marks.add(new SvgChart.Mark(mid, ms(slowest.latencyUs()), title, traceLink(slowest.traceId())));
    }
    return marks;
  }

  private String traceLink(String traceId) {
    Tracing tracing = in.spec() == null || in.spec().target() == null ? null : in.spec().target().tracing();
    return tracing == null ? null : tracing.linkTo(traceId);
  }

  private SvgChart spectrum() {
    SvgChart chart = new SvgChart("spectrum", "Latency by percentile, whole run", "percentile", "milliseconds")
        .percentileAxis().line("this run", 1, spectrumOf(in.run()));
    if (in.baseline() != null) {
      String label = in.baseline().label();
      chart.dashed(label.startsWith("baseline") ? label : "baseline " + label, 5, spectrumOf(in.baseline()));
    }
    return chart;
  }

  private static List<double[]> spectrumOf(RunFigures figures) {
    Histogram all = figures.merged();
    List<double[]> points = new ArrayList<>();
    long count = all.getTotalCount();
    for (double q : SPECTRUM) {
      // Past 1 - 1/count a percentile is the maximum again: nothing more to draw.
      if (count == 0 || (q > 0 && 1 / (1 - q / 100) > count)) {
        break;
      }
      points.add(new double[] {q, ms(all.getValueAtPercentile(q))});
    }
    if (count > 0) {
      points.add(new double[] {Math.min(99.9999, 100 * (1 - 1.0 / Math.max(2, count))), ms(all.getMaxValue())});
    }
    return points;
  }

  private static double[] spectrumPoints() {
    List<Double> qs = new ArrayList<>();
    for (double decade = 0; decade < 6; decade += 0.125) {
      qs.add(100 * (1 - Math.pow(10, -decade)));
    }
    return qs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private List<SvgChart> knee(CapacityResult c) {
    List<double[]> achieved = new ArrayList<>();
    List<double[]> offered = new ArrayList<>();
    List<double[]> p50 = new ArrayList<>();
    List<double[]> p99 = new ArrayList<>();
    for (CapacityStep step : c.steps() == null ? List.<CapacityStep>of() : sortedByRate(c.steps())) {
      if (!step.judged() || step.rps() == null) {
        continue;
      }
      achieved.add(new double[] {step.targetRps(), step.rps()});
      offered.add(new double[] {step.targetRps(), step.targetRps()});
      duration(step.p50()).ifPresent(v -> p50.add(new double[] {step.targetRps(), v}));
      duration(step.p99()).ifPresent(v -> p99.add(new double[] {step.targetRps(), v}));
    }
    String unit = perSecond("requests/s");
    SvgChart rates = new SvgChart("knee-rate", "Achieved against offered rate", "offered " + unit, "achieved " + unit)
        .line("achieved", 1, achieved).dashed("offered", 5, offered);
    SvgChart latency = new SvgChart("knee-latency", "Latency against offered rate", "offered " + unit, "milliseconds")
        .line("p50", 1, p50).line("p99", 3, p99);
    if (c.maxSustainableRps() != null) {
      String label = "sustainable " + c.maxSustainableRps() + " " + perSecond("rps");
      rates.vertical(c.maxSustainableRps(), label);
      latency.vertical(c.maxSustainableRps(), label);
    }
    sloLatency().ifPresent(slo -> latency.horizontal(slo[0], "SLO " + sloText()));
    return List.of(rates, latency);
  }

  private static List<CapacityStep> sortedByRate(List<CapacityStep> steps) {
    List<CapacityStep> sorted = new ArrayList<>(steps);
    sorted.sort((a, z) -> Double.compare(a.targetRps(), z.targetRps()));
    return sorted;
  }

  /** The SLO's first latency limit over all requests, in milliseconds. */
  private Optional<double[]> sloLatency() {
    return sloThreshold().map(t -> new double[] {Durations.parse(t.max()).toNanos() / 1e6});
  }

  private String sloText() {
    return sloThreshold().map(t -> t.metric() + " " + t.max()).orElse("");
  }

  private Optional<Threshold> sloThreshold() {
    if (in.spec() == null || in.spec().capacity() == null) {
      return Optional.empty();
    }
    return CapacityPlan.thresholds(in.spec().capacity().slo()).stream()
        .filter(t -> t.request() == null && t.max() != null && !"errorRate".equals(t.metric()))
        .findFirst();
  }

  private static Optional<Double> duration(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Durations.parse(text).toNanos() / 1e6);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private void tables(StringBuilder b) {
    b.append(ScenarioTable.html(s.getScenarios()));
    HtmlTable requests = new HtmlTable("Requests", "request", "requests", "errors", "rps", "p50", "p90", "p99", "max");
    if (s.getRequests() != null) {
      for (RequestResult r : s.getRequests()) {
        Latency l = r.latency();
        requests.row(r.name(), r.requests(), r.errors(), r.rps(), LatencyCell.of(l, Latency::p50),
            LatencyCell.of(l, Latency::p90), LatencyCell.of(l, Latency::p99), LatencyCell.of(l, Latency::max));
      }
    }
    b.append(requests.html());
    b.append(StageTable.html(s.getStages(), journeys()));
    // "of" fits what a threshold judges, be it all requests, one request or a scenario's journeys.
    HtmlTable thresholds = new HtmlTable("Thresholds", "metric", "of", "limit", "actual", "met");
    if (s.getThresholds() != null) {
      for (ThresholdResult t : s.getThresholds()) {
        String of = t.scenario() != null ? t.scenario() + " journeys" : t.request() == null ? "all" : t.request();
        thresholds.row(t.metric(), of, t.limit(), t.actual(),
            Boolean.TRUE.equals(t.passed()) ? "yes" : "NO");
      }
    }
    b.append(thresholds.html());
    if (s.getCapacity() != null && s.getCapacity().steps() != null) {
      // A search over scenarios steps journeys; its latencies stay the requests'.
      String rate = perSecond("rps");
      String latency = journeys() ? "request " : "";
      HtmlTable steps = new HtmlTable("Capacity steps", "step", "offered " + rate, "achieved " + rate, "requests",
          "errors", latency + "p50", latency + "p99", "met the SLO", "note");
      for (CapacityStep st : s.getCapacity().steps()) {
        steps.row(st.step(), st.targetRps(), st.rps(), st.requests(), st.errorRate(), st.p50(), st.p99(),
            st.passed() == null ? "running" : st.passed() ? "yes" : "NO: " + st.limitedBy(), st.note());
      }
      b.append(steps.html());
    }
    if (s.getRegression() != null) {
      HtmlTable checks = new HtmlTable("Compared with " + s.getRegression().baseline(), "metric", "baseline", "this run",
          "change", "limit", "confidence", "regressed");
      for (RegressionCheck c : s.getRegression().checks()) {
        checks.row(c.metric(), c.baseline(), c.actual(), c.change(), c.limit(), c.confidence(),
            Boolean.TRUE.equals(c.regressed()) ? "YES" : "no");
      }
      b.append(checks.html());
    }
    if (s.getSlowestTraces() != null) {
      long t0 = origin();
      HtmlTable traces = new HtmlTable("Slowest traced requests", "trace", "request", "at", "latency", "status");
      for (SlowTrace t : s.getSlowestTraces()) {
        traces.row(new HtmlTable.Markup(Html.linked("<code>" + Html.text(t.traceId()) + "</code>", t.link())),
            t.request(), secondsAt(t.interval(), t0), t.latency(), t.status() == null ? "timed out" : t.status());
      }
      b.append(traces.html());
    }
    generator(b);
  }

  /** Seconds from the run's first measured instant to an RFC 3339 time, as the charts count them. */
  private static String secondsAt(String time, long t0) {
    try {
      long ms = Instant.parse(time).toEpochMilli() - t0;
      return String.format(Locale.ROOT, "%.0f s", ms / 1000.0);
    } catch (RuntimeException e) {
      return time;
    }
  }

  /** The generator's own health: whether it kept up, and its send lag, as the status says it. */
  private void generator(StringBuilder b) {
    Optional<Condition> saturated = s.getConditions() == null ? Optional.empty()
        : s.getConditions().stream().filter(c -> Conditions.GENERATOR_SATURATED.equals(c.getType())).findFirst();
    b.append("<section><h2>Generator health</h2><p>");
    b.append(saturated.map(Condition::getMessage).map(Html::text).orElse("Not reported."));
    if (s.getTrend() != null) {
      b.append("</p><p>Trend over ").append(Html.text(s.getTrend().window())).append(" windows: p99 ")
          .append(Html.text(s.getTrend().p99Change())).append(", error rate ")
          .append(Html.text(s.getTrend().errorRateChange())).append(" (").append(Html.text(s.getTrend().method()))
          .append(")");
    }
    b.append("</p></section>");
  }
}
