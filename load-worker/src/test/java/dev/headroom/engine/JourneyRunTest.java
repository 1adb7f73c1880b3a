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

  /** The token taken from the login's header instead of its body works as well. */
  @Test
  void aHeaderCaptureCarriesTheTokenToo() {
    Scenario byHeader = new Scenario("by-header", 1, List.of(
        request("login-h", "POST", "/login", null, Capture.header("token", "x-session")),
        request("cart-h", "GET", "/cart", AUTH)));
    long refusedBefore = SHOP.refused();

    List<List<IntervalReport>> runs = run(LoadModel.Open, List.of(byHeader), 1, rate("1s", 50));

    assertEquals(50, Journeys.of(runs, "by-header").completed());
    assertEquals(0, WorkerRuns.Totals.of(runs, "cart-h").errors());
    assertEquals(0, SHOP.refused() - refusedBefore);
  }

  /**
   * Three ways a journey ends early, each in its own scenario: its login answers no token (a
   * capture miss), its second step answers 503, its second step never answers (a timeout). Each
   * ends at that step with that kind; no later step is sent; the counts add up.
   */
  @Test
  void aCaptureMissA5xxAndATimeoutEachEndTheJourneyWithTheirKind() {
    Step useToken = request("after", "GET", "/cart", AUTH);
    Scenario miss = new Scenario("miss", 1, List.of(
        request("quiet-login", "POST", "/login?quiet", null, Capture.json("token", "/token")), useToken));
    Scenario broken = new Scenario("broken", 1, List.of(
        request("login-b", "POST", "/login", null, Capture.json("token", "/token")),
        request("broken", "GET", "/broken", AUTH), request("after-b", "GET", "/cart", AUTH)));
    Scenario slow = new Scenario("slow", 1, List.of(
        request("login-s", "POST", "/login", null, Capture.json("token", "/token")),
        request("slow", "GET", "/slow", AUTH), request("after-s", "GET", "/cart", AUTH)));

    List<List<IntervalReport>> runs = run(LoadModel.Open, List.of(miss, broken, slow), 1, rate("2s", 30));

    Journeys m = Journeys.of(runs, "miss");
    Journeys b = Journeys.of(runs, "broken");
    Journeys s = Journeys.of(runs, "slow");
    assertEquals(60, m.started() + b.started() + s.started(), "30/s for 2 s, the three scenarios by weight");
    assertEquals(Map.of("capture", m.started()), m.failed());
    assertEquals(Map.of("status_503", b.started()), b.failed());
    assertEquals(Map.of("timeout", s.started()), s.failed());
    for (Journeys j : List.of(m, b, s)) {
      assertTrue(j.started() > 0, j.toString());
      assertEquals(0, j.completed());
      assertEquals(0, j.durations().getTotalCount(), "only completed journeys have a duration");
    }
    assertEquals(Map.of("capture", m.started()), WorkerRuns.Totals.of(runs, "quiet-login").errors,
        "the step whose answer lacked the value fails with kind capture");
    assertEquals(Map.of("status_503", b.started()), WorkerRuns.Totals.of(runs, "broken").errors);
    assertEquals(Map.of("timeout", s.started()), WorkerRuns.Totals.of(runs, "slow").errors);
    for (String after : List.of("after", "after-b", "after-s")) {
      assertEquals(0, WorkerRuns.Totals.of(runs, after).count, after + " is never sent once the journey ended");
    }
  }

  /** Closed model: each user runs its journey again and again; every journey it began ends. */
  @Test
  void closedModelUsersLoopTheirJourney() {
    List<List<IntervalReport>> runs = run(LoadModel.Closed, List.of(CHECKOUT), 1, Plans.users("2s", 4));

    Journeys j = Journeys.of(runs, "checkout");
    assertTrue(j.started() >= 4 * 5, "4 users, each journey about 60 ms: " + j);
    assertEquals(j.started(), j.completed(), j.toString());
    assertEquals(j.completed(), WorkerRuns.Totals.of(runs, "checkout").count);
    assertEquals(0, WorkerRuns.Totals.of(runs, null).errors());
  }

  /**
   * Without think times each step is created from the previous answer's callback, often in an
   * interval the lane has not opened yet: the step must be counted in the same interval when
   * created and when it ends, or that interval never closes and the run never ends.
   */
  @Test
  void stepsWithoutThinkTimeCloseEveryInterval() {
    Scenario quick = new Scenario("quick", 1, List.of(
        request("login-q", "POST", "/login", null, Capture.json("token", "/token")),
        request("cart-q", "GET", "/cart", AUTH)));

    List<List<IntervalReport>> runs = run(LoadModel.Closed, List.of(quick), 1, Plans.users("2s", 4));

    Journeys j = Journeys.of(runs, "quick");
    assertTrue(j.started() > 40, j.toString());
    assertEquals(j.started(), j.completed());
    assertEquals(2, runs.get(0).size(), "both intervals of the 2 s stage served");
  }

  /**
   * Open model: while the target holds the journeys' second step, the steps due meanwhile wait,
   * and that wait is in the step's latency, counted from when its journey allowed it to leave.
   */
  @Test
  void aFrozenStepShowsItsWaitInItsLatency() {
    // Connections enough that the held cart steps leave the logins free: with few, the logins
    // queue behind them, and the journeys reach their cart step only after the freeze.
    ExecutionPlan plan = Plans.journeys(SHOP.url(), 64, "2s", LoadModel.Open, List.of(CHECKOUT), rate("3s", 40));
    List<List<IntervalReport>> runs = WorkerRuns.run(SHOP.vertx(), plan, 1, LoadWorker.Options.defaults(),
        Duration.ofSeconds(30), workers -> {
          LoadWorker w = workers.get(0);
          dev.headroom.testing.Await.until("the run is a second in", Duration.ofSeconds(5),
              () -> w.intervalsAfter(-1).intervals().size() >= 1);
          SHOP.freezeCart(Duration.ofMillis(600));
        });

    WorkerRuns.Totals cart = WorkerRuns.Totals.of(runs, "cart");
    WorkerRuns.Totals login = WorkerRuns.Totals.of(runs, "login");
    assertEquals(120, cart.count);
    assertEquals(0, cart.errors());
    assertTrue(cart.latency.getMaxValue() >= 500_000, "the freeze is in the cart step's latency: max "
        + cart.latency.getMaxValue() + " us");
    // 40 journeys/s reach the cart step: the 600 ms freeze holds about 24 of 120, 20%.
    assertTrue(cart.micros(90) >= 100_000, "and in its percentiles, p90 " + cart.micros(90) + " us");
    assertTrue(login.micros(50) < 100_000, "the login steps were not held: p50 " + login.micros(50) + " us");
    assertEquals(120, Journeys.of(runs, "checkout").completed());
  }
}
