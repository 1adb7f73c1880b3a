package dev.headroom.engine;

import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.Capture;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import dev.headroom.plan.Think;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.JourneyInterval;
import dev.headroom.testing.Plans;
import dev.headroom.testing.ShopTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Journeys against a shop that only a journey carrying its captured values gets through. */
class JourneyRunTest {

  @RegisterExtension static final ShopTarget SHOP = new ShopTarget();

  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer ${token}");

  static Step request(String name, String method, String path, Map<String, String> headers, Capture... captures) {
    return Step.of(new StepRequest(name, method, path, headers, null, null, captures.length == 0 ? null : List.of(captures)));
  }

  static final Scenario CHECKOUT = new Scenario("checkout", 1, List.of(
      request("login", "POST", "/login", null, Capture.json("token", "/token")),
      Step.of(Think.fixed("50ms")),
      request("cart", "GET", "/cart", AUTH, Capture.regex("cart", "\"cartId\": \"([^\"]+)\"")),
      request("checkout", "GET", "/checkout/${cart}", AUTH)));

  /** Per scenario, the journeys over every worker and interval. */
  record Journeys(long started, long completed, Map<String, Long> failed, Histogram durations) {
    static Journeys of(List<List<IntervalReport>> runs, String scenario) {
      long started = 0;
      long completed = 0;
      Map<String, Long> failed = new TreeMap<>();
      Histogram durations = HistogramCodec.newHistogram();
      for (List<IntervalReport> worker : runs) {
        for (IntervalReport r : worker) {
          JourneyInterval j = r.journeys().get(scenario);
          if (j != null) {
            started += j.started();
            completed += j.completed();
            j.failed().forEach((k, v) -> failed.merge(k, v, Long::sum));
            durations.add(HistogramCodec.decode(j.histogram()));
          }
        }
      }
      return new Journeys(started, completed, failed, durations);
    }
  }

  static List<List<IntervalReport>> run(LoadModel model, List<Scenario> scenarios, int workers, Stage... stages) {
    ExecutionPlan plan = Plans.journeys(SHOP.url(), 8, "1s", model, scenarios, stages);
    return WorkerRuns.run(SHOP.vertx(), plan, workers, Duration.ofSeconds(30));
  }

  @Test
  void loginThenUseAcrossWorkersCompletesEveryJourneyWithTheCapturedValues() {
    long refusedBefore = SHOP.refused();
    long checkoutsBefore = SHOP.checkouts();

    List<List<IntervalReport>> runs = run(LoadModel.Open, List.of(CHECKOUT), 2, rate("3s", 40));

    Journeys j = Journeys.of(runs, "checkout");
    assertEquals(120, j.started(), "the rate counts journeys: 40/s for 3 s");
    assertEquals(120, j.completed(), "every journey completed: " + j);
    assertEquals(Map.of(), j.failed());
    assertEquals(120, j.durations().getTotalCount());
    assertTrue(j.durations().getValueAtPercentile(0) >= 50_000, "a journey lasts at least its think time: "
        + j.durations().getValueAtPercentile(0) + " us");
    for (String step : List.of("login", "cart", "checkout")) {
      WorkerRuns.Totals t = WorkerRuns.Totals.of(runs, step);
      assertEquals(120, t.count, step + " counted once per journey");
      assertEquals(0, t.errors(), step + ": " + t.errors);
    }
    assertEquals(0, SHOP.refused() - refusedBefore, "no request without the exact token and cart");
    assertEquals(120, SHOP.checkouts() - checkoutsBefore, "the shop saw every checkout");
  }
}
