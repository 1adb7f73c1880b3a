package dev.headroom.testing;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Http;
import dev.headroom.plan.Load;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Plan;
import dev.headroom.plan.RequestSpec;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.SecretSource;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Target;
import java.util.List;

/** Small plans for tests, written the way a user would write them. */
public final class Plans {

  private Plans() {}

  public static RequestSpec get(String name, String path, int weight) {
    return new RequestSpec(name, "GET", path, null, null, weight, null);
  }

  public static Stage rate(String duration, double rate) {
    return new Stage(duration, rate, null, null, null);
  }

  public static Stage users(String duration, int users) {
    return new Stage(duration, null, null, users, null);
  }

  public static ExecutionPlan open(String url, int connections, String timeout, List<RequestSpec> requests, Stage... stages) {
    return compile(url, connections, timeout, requests, LoadModel.Open, stages);
  }

  public static ExecutionPlan closed(String url, int connections, String timeout, List<RequestSpec> requests, Stage... stages) {
    return compile(url, connections, timeout, requests, LoadModel.Closed, stages);
  }

  /** A plan of journeys. */
  public static ExecutionPlan journeys(String url, int connections, String timeout, LoadModel model,
      List<Scenario> scenarios, Stage... stages) {
    return ExecutionPlan.compile(journeyPlan(url, connections, timeout, model, scenarios, stages), SecretSource.NONE);
  }

  public static Plan journeyPlan(String url, int connections, String timeout, LoadModel model,
      List<Scenario> scenarios, Stage... stages) {
    return Plan.ofScenarios(new Target(url, null, null, timeout, new Http(null, connections), null, null),
        scenarios, new Load(model, null, List.of(stages)));
  }

  private static ExecutionPlan compile(String url, int connections, String timeout, List<RequestSpec> requests,
      LoadModel model, Stage... stages) {
    Plan plan = new Plan(new Target(url, null, null, timeout, new Http(null, connections), null, null), requests,
        new Load(model, null, List.of(stages)));
    return ExecutionPlan.compile(plan, SecretSource.NONE);
  }
}
