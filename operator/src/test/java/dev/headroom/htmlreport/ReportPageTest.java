package dev.headroom.htmlreport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.CapacityResult;
import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.Latency;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.RequestResult;
import dev.headroom.api.v1alpha1.ResultsRef;
import dev.headroom.api.v1alpha1.ScenarioResult;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.api.v1alpha1.SlowTrace;
import dev.headroom.api.v1alpha1.StageResult;
import dev.headroom.api.v1alpha1.Summary;
import dev.headroom.api.v1alpha1.ThresholdResult;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.results.RunFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;

/** The page itself, without a browser: what it must never print, and the axis it must label right. */
class ReportPageTest {

  /** {@code seconds} lines of {@code perSecond} latencies between 1 and 50 ms, as an interval log. */
  private static String log(int seconds, int perSecond) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    HistogramLogWriter writer = new HistogramLogWriter(new java.io.PrintStream(out, true));
    writer.outputStartTime(0);
    writer.outputLegend();
    SplittableRandom random = new SplittableRandom(7);
    for (int s = 0; s < seconds; s++) {
      Histogram h = new Histogram(3);
      h.setAutoResize(true);
      for (int i = 0; i < perSecond; i++) {
        h.recordValue(1_000 + random.nextInt(49_000));
      }
      writer.outputIntervalHistogram(s, s + 1, h, 1000.0);
    }
    return out.toString();
  }

  private static String page(String message, int seconds, int perSecond) {
    return page(message, seconds, perSecond, s -> {});
  }

  /** A run's page, {@code more} set in its status beside the run's summary. */
  private static String page(String message, int seconds, int perSecond, Consumer<LoadTestStatus> more) {
    LoadTestStatus s = new LoadTestStatus();
    s.setPhase(LoadTestPhase.Succeeded);
    s.setVerdict(Verdict.Pass);
    s.setRun(1);
    s.setMessage(message);
    long requests = (long) seconds * perSecond;
    s.setSummary(new Summary(requests, 0L, "0%", (double) perSecond, (double) perSecond, null, null));
    String log = log(seconds, perSecond);
    s.setResults(ResultsRef.inline(log, List.of()));
    more.accept(s);
    List<SeriesPoint> series = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      // The second second's generator was flagged saturated with its sends on time, the third late.
      long lagUs = i == 2 ? 9_000L : 200L;
      long saturated = i == 1 || i == 2 ? 1L : 0L;
      series.add(new SeriesPoint(1000L * i, 1000L * (i + 1), (long) perSecond, 0L, List.of(), lagUs, saturated));
    }
    return ReportPage.render(new ReportInput("checkout", null, s, RunFigures.of("checkout run 1", s, log), series,
        null));
  }

  /**
   * 20 seconds of 40 journeys a second: shop (three steps) and browse (one), so 100 requests a
   * second; 10 shop journeys failed.
   */
  private static void journeys(LoadTestStatus s) {
    s.setSummary(new Summary(2000L, 0L, "0%", 100.0, null, 40.0, 40.0,
        new Latency("1ms", "12ms", "11ms", "14.9ms", "20ms", "68.5ms", "101ms", "140ms"), null));
    s.setStages(List.of(new StageResult(0, null, 40.0, 40.0, 100.0, 2000L, 0L, null)));
    s.setRequests(List.of(new RequestResult("login", 600L, 0L, 30.0, null),
        new RequestResult("cart", 600L, 0L, 30.0, null), new RequestResult("checkout", 600L, 0L, 30.0, null),
        new RequestResult("home", 200L, 0L, 10.0, null)));
    s.setScenarios(List.of(
        new ScenarioResult("shop", 600L, 590L, 10L, Map.of("status_503", 3L, "timeout", 7L), 30.0,
            new Latency("320ms", "445ms", "443ms", "518ms", "530ms", "553ms", "640ms", "647ms")),
        new ScenarioResult("browse", 200L, 200L, 0L, null, 10.0, null)));
  }

  @Test
  void textFromTheStatusNeverBecomesMarkup() {
    String html = page("sustains 400 rps at p99 <= 100ms; <script>alert(1)</script>", 5, 100);
    assertFalse(html.contains("<script"), "no script, ever");
    assertTrue(html.contains("p99 &lt;= 100ms; &lt;script&gt;alert(1)&lt;/script&gt;"), "escaped, and still read");
    assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""), "nothing fetched");
  }

  @Test
  void theDeepestPercentileTicksAreWrittenOutNotRoundedTo100() {
    String html = page("fine", 20, 10_000);
    assertTrue(html.contains(">99.99%<") && html.contains(">99.999%<"), "200k responses reach 99.999%");
    assertFalse(html.contains(">100%<"), "no tick reads 100%");
  }

  @Test
  void onlyWebAddressesBecomeTraceLinks() {
    List<SlowTrace> traces = List.of(
        new SlowTrace("0af7651916cd43dd8448eb211c80319c", "browse", "812ms", 200, "1970-01-01T00:00:01Z",
            "https://tracing.example/trace/0af7651916cd43dd8448eb211c80319c"),
        new SlowTrace("4bf92f3577b34da6a3ce929d0e0e4736", "buy", "5s", null, "1970-01-01T00:00:02Z",
            "javascript:alert(1)"));
    String html = page("fine", 5, 100, s -> s.setSlowestTraces(traces));
    assertTrue(html.contains("<a href=\"https://tracing.example/trace/0af7651916cd43dd8448eb211c80319c\" target=\"_blank\""
        + " rel=\"noopener noreferrer\"><code>0af7651916cd43dd8448eb211c80319c</code></a>"), "a web address is linked");
    assertFalse(html.contains("javascript:"), "anything else is not");
    assertTrue(html.contains("<code>4bf92f3577b34da6a3ce929d0e0e4736</code>"), "its trace id still shows");
    assertTrue(html.contains("<td>timed out</td>"), "a request without a status timed out");
    assertTrue(html.contains("<td>2 s</td>"), "dated from the run's start, as the charts are");
  }

  @Test
  void aSaturatedStretchSaysWhetherItsSendsLeftLate() {
    String html = page("fine", 5, 100);
    assertTrue(html.contains("<title>1 worker-interval saturated: sends kept their schedule (lag p99 0.2ms), the flag"
        + " came from a busy event loop or a stall</title>"), "a ring low on the lag chart is explained");
    assertTrue(html.contains("<title>1 worker-interval saturated: sends left late</title>"), html);
  }

  @Test
  void aThresholdsSubjectIsHeadedSoThatAScenariosJourneysFitUnderIt() {
    String html = page("fine", 5, 100, s -> s.setThresholds(List.of(
        new ThresholdResult("errorRate", null, "0%", "0%", true, null),
        new ThresholdResult("p99", "checkout", "200ms", "62.5ms", true, null),
        new ThresholdResult("p99", null, "2s", "553ms", true, "shop"))));

    assertTrue(html.contains("<th>metric</th><th>of</th><th>limit</th>"), html);
    assertTrue(html.contains("<td>errorRate</td><td>all</td>"), html);
    assertTrue(html.contains("<td>p99</td><td>checkout</td>"), html);
    assertTrue(html.contains("<td>p99</td><td>shop journeys</td>"), html);
  }

  @Test
  void aRunOfScenariosHasATableOfTheirJourneysAndARunOfRequestsNone() {
    String html = page("fine", 5, 100, ReportPageTest::journeys);

    assertTrue(html.contains("<h2>Scenarios</h2>"), html);
    assertTrue(html.contains("<th>scenario</th><th>started</th><th>completed</th><th>failed</th><th>failed by kind</th>"
        + "<th>journeys/s</th><th>p50</th><th>p90</th><th>p99</th><th>max</th>"), html);
    assertTrue(html.contains("<tr><td>shop</td><td>600</td><td>590</td><td>10</td><td>timeout 7, status_503 3</td>"
        + "<td>30.0</td><td>443ms</td><td>518ms</td><td>553ms</td><td>647ms</td></tr>"), "most common failure first");
    assertTrue(html.contains("<tr><td>browse</td><td>200</td><td>200</td><td>0</td><td></td><td>10.0</td><td></td>"),
        "no failures, no durations: blank, not null");
    assertTrue(html.indexOf("<h2>Scenarios</h2>") < html.indexOf("<h2>Requests</h2>"), "journeys before their steps");
    assertFalse(page("fine", 5, 100).contains("<h2>Scenarios</h2>"), "no scenarios, no section");
  }

  @Test
  void aStageOfJourneysSetsItsTargetBesideJourneysAchievedAndNamesItsRequests() {
    String html = page("fine", 5, 100, ReportPageTest::journeys);

    assertTrue(html.contains("<th>stage</th><th>target journeys/s</th><th>achieved journeys/s</th><th>requests/s</th>"
        + "<th>requests</th><th>errors</th><th>request p50</th><th>request p99</th>"), html);
    assertTrue(html.contains("<tr><td>0</td><td>40.0</td><td>40.0</td><td>100.0</td><td>2000</td>"), html);
    assertTrue(html.contains("<dt>achieved rate</dt><dd>40.0 journeys/s</dd>"), html);
    assertTrue(html.contains("<dt>journeys</dt><dd>800</dd>"), html);
    assertTrue(html.contains("<dt>request rate</dt><dd>100.0 rps</dd>"), html);
    assertTrue(html.contains("<dt>request p99</dt><dd>68.5ms</dd>"), html);
  }

  @Test
  void aCapacitySearchOfJourneysSaysItsFiguresAndStepsInJourneys() {
    String html = page("sustains 497 journeys/s", 5, 100, s -> {
      journeys(s);
      s.setStages(null);
      s.setCapacity(new CapacityResult(497.0, 519.0, "p95 of shop journeys", "6.21x", List.of(
          new CapacityStep(0, 497.0, 497.0, 1988L, "0%", "10.3ms", "15.8ms", null, true, null, null),
          new CapacityStep(1, 519.0, 519.0, 2050L, "0%", "61.3ms", "89.7ms", null, false, "p95 of shop journeys", null))));
    });

    assertTrue(html.contains("<dt>sustainable</dt><dd>497.0 journeys/s</dd>"), html);
    assertTrue(html.contains("<dt>breaks at</dt><dd>519.0 journeys/s</dd>"), html);
    assertTrue(html.contains("<th>step</th><th>offered journeys/s</th><th>achieved journeys/s</th><th>requests</th>"
        + "<th>errors</th><th>request p50</th><th>request p99</th>"), html);
    assertTrue(html.contains("offered journeys/s") && html.contains("sustainable 497.0 journeys/s"), "the knee's axes");
  }

  @Test
  void aStageOfRequestsSetsItsTargetBesideRequestsAchieved() {
    String html = page("fine", 5, 100, s -> s.setStages(List.of(new StageResult(0, 100.0, 99.8, 499L, 0L, null))));

    assertTrue(html.contains("<th>stage</th><th>target rps</th><th>achieved rps</th><th>requests</th>"), html);
    assertTrue(html.contains("<tr><td>0</td><td>100.0</td><td>99.8</td><td>499</td>"), html);
    assertTrue(html.contains("<dt>achieved rate</dt><dd>100.0 rps</dd>"), html);
    assertFalse(html.contains("journeys"), "no journeys in a run of requests");
  }
}
