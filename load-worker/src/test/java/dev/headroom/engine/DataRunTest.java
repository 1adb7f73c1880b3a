package dev.headroom.engine;

import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.DataSet;
import dev.headroom.plan.DataTable;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Plan;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.SecretSource;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import dev.headroom.report.IntervalReport;
import dev.headroom.testing.Plans;
import dev.headroom.testing.ShopTarget;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Journeys reading test data rows, against a target that counts each user it greets. */
class DataRunTest {

  @RegisterExtension static final ShopTarget SHOP = new ShopTarget();

  private static final Scenario GREET = new Scenario("greet", 1, List.of(
      Step.of(new StepRequest("hello", "GET", "/hello/${users.name}", null, null, null, null))));

  @BeforeEach
  void forget() {
    SHOP.forgetGreeted();
  }

  private static DataTable users(int rows) {
    StringBuilder csv = new StringBuilder("name,password\n");
    for (int i = 0; i < rows; i++) {
      csv.append("user-").append(i).append(",secret-").append(i).append('\n');
    }
    return DataTable.parse("users", new StringReader(csv.toString()));
  }

  private static List<List<IntervalReport>> run(int rows, DataSet.Order order, LoadModel model, int workers,
      Stage stage) {
    DataSet set = new DataSet("users", new DataSet.KeyRef("shop-users", "users.csv"), null, null, order);
    Plan plan = Plans.journeyPlan(SHOP.url(), 8, "1s", model, List.of(GREET), stage).withData(List.of(set));
    DataTable table = users(rows);
    ExecutionPlan compiled = ExecutionPlan.compile(plan, SecretSource.NONE, s -> table);
    return WorkerRuns.run(SHOP.vertx(), compiled, workers, Duration.ofSeconds(30));
  }

  private static Map<String, Long> expectedOnce(int rows) {
    Map<String, Long> once = new TreeMap<>();
    for (int i = 0; i < rows; i++) {
      once.put("user-" + i, 1L);
    }
    return once;
  }

  @Test
  void uniqueRowsAreEachUsedExactlyOnceAcrossWorkers() {
    List<List<IntervalReport>> runs = run(120, DataSet.Order.Unique, LoadModel.Open, 2, rate("3s", 40));

    assertEquals(expectedOnce(120), SHOP.greeted(), "120 journeys over 2 workers took the 120 rows once each");
    JourneyRunTest.Journeys j = JourneyRunTest.Journeys.of(runs, "greet");
    assertEquals(120, j.completed());
    assertEquals(Map.of(), j.failed());
  }

  @Test
  void journeysAfterTheLastUniqueRowFailAsDataAndSendNothing() {
    List<List<IntervalReport>> runs = run(100, DataSet.Order.Unique, LoadModel.Open, 2, rate("3s", 40));

    assertEquals(expectedOnce(100), SHOP.greeted(), "each row once, and no request without a row");
    JourneyRunTest.Journeys j = JourneyRunTest.Journeys.of(runs, "greet");
    assertEquals(120, j.started());
    assertEquals(100, j.completed());
    assertEquals(Map.of("data", 20L), j.failed(), "the 20 journeys past the rows, by kind");
    WorkerRuns.Totals hello = WorkerRuns.Totals.of(runs, "hello");
    assertEquals(120, hello.count, "a journey that could not start is counted at its first step");
    assertEquals(Map.of("data", 20L), hello.errors);
  }

  @Test
  void closedModelUsersStopWhenTheRowsRunOut() {
    // Two users with no think time would loop as fast as the shop answers: 10 rows last moments,
    // after which each user fails one journey and stops instead of spinning on failures.
    List<List<IntervalReport>> runs = run(10, DataSet.Order.Unique, LoadModel.Closed, 1, Plans.users("2s", 2));

    assertEquals(expectedOnce(10), SHOP.greeted());
    JourneyRunTest.Journeys j = JourneyRunTest.Journeys.of(runs, "greet");
    assertEquals(10, j.completed());
    assertEquals(Map.of("data", 2L), j.failed(), "one failed journey per user, then it stops");
  }

  @Test
  void sequentialRowsWrapAroundSoEveryRowIsUsedAboutEqually() {
    run(7, DataSet.Order.Sequential, LoadModel.Open, 1, rate("2s", 35));

    Map<String, Long> greeted = SHOP.greeted();
    assertEquals(7, greeted.size(), greeted.toString());
    assertTrue(greeted.values().stream().allMatch(n -> n == 10), "70 journeys over 7 rows in order: " + greeted);
  }
}
