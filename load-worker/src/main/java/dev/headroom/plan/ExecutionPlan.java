package dev.headroom.plan;

import dev.headroom.journey.Journey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid {@link Plan} with its defaults applied and its text turned into numbers: what the engine
 * runs. Rates and users here are totals across all workers; {@link Share} takes a worker's part.
 */
public record ExecutionPlan(
    Endpoint endpoint,
    HttpVersion httpVersion,
    int connections,
    long timeoutNanos,
    List<RequestTemplate> requests,
    WeightedMix mix,
    LoadModel model,
    long warmupNanos,
    List<Phase> stages,
    double traceSampling,
    List<Journey> journeys,
    List<Data> data) {

  /**
   * A data set's rows and how journeys take them.
   *
   * @param secret the rows came from a Secret: they go into requests and nowhere else
   */
  public record Data(DataTable table, DataSet.Order order, boolean secret) {}

  /** A plan without test data. */
  public ExecutionPlan(
      Endpoint endpoint, HttpVersion httpVersion, int connections, long timeoutNanos,
      List<RequestTemplate> requests, WeightedMix mix, LoadModel model, long warmupNanos, List<Phase> stages,
      double traceSampling, List<Journey> journeys) {
    this(endpoint, httpVersion, connections, timeoutNanos, requests, mix, model, warmupNanos, stages, traceSampling,
        journeys, List.of());
  }

  /** A plan whose requests carry no trace context. */
  public ExecutionPlan(
      Endpoint endpoint, HttpVersion httpVersion, int connections, long timeoutNanos,
      List<RequestTemplate> requests, WeightedMix mix, LoadModel model, long warmupNanos, List<Phase> stages) {
    this(endpoint, httpVersion, connections, timeoutNanos, requests, mix, model, warmupNanos, stages, 0, List.of());
  }

  /** A plan of independent requests. */
  public ExecutionPlan(
      Endpoint endpoint, HttpVersion httpVersion, int connections, long timeoutNanos,
      List<RequestTemplate> requests, WeightedMix mix, LoadModel model, long warmupNanos, List<Phase> stages,
      double traceSampling) {
    this(endpoint, httpVersion, connections, timeoutNanos, requests, mix, model, warmupNanos, stages, traceSampling,
        List.of());
  }

  /**
   * Whether an arrival (open model) or a user's turn (closed model) starts a journey, picked by
   * {@link #mix} among {@link #journeys}, rather than one request picked among {@link #requests}.
   * A journey's request steps are {@link #requests} too, numbered in order across the journeys, so
   * each step has its results as a request does.
   */
  public boolean runsJourneys() {
    return !journeys.isEmpty();
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * One stage in numbers. Open model: {@code rate} to {@code rampTo} requests/s. Closed model:
   * {@code users} each thinking {@code thinkNanos}.
   */
  public record Phase(long durationNanos, double rate, double rampTo, int users, long thinkNanos) {}

  /**
   * Compiles a plan that {@link PlanValidator} accepted.
   *
   * @throws IllegalArgumentException if it was not valid after all
   */
  public static ExecutionPlan compile(Plan plan, SecretSource secrets) {
    return compile(plan, secrets, DataSource.NONE);
  }

  /**
   * Compiles a plan that {@link PlanValidator} accepted, loading its data sets from {@code
   * dataSource}.
   *
   * @throws IllegalArgumentException if it was not valid after all, or a data set cannot be loaded
   *     or lacks a column a template names
   */
  public static ExecutionPlan compile(Plan plan, SecretSource secrets, DataSource dataSource) {
    List<Data> data = new ArrayList<>();
    List<DataTable> tables = new ArrayList<>();
    for (DataSet set : plan.data() == null ? List.<DataSet>of() : plan.data()) {
      DataTable table = dataSource.table(set);
      tables.add(table);
      data.add(new Data(table, set.orderOrDefault(), set.secret()));
    }
    Target target = plan.target();
    boolean insecure = target.tls() != null && Boolean.TRUE.equals(target.tls().insecureSkipVerify());
    Endpoint endpoint = Endpoint.of(target.url(), insecure);
    Http http = target.http() == null ? new Http(null, null) : target.http();
    HttpVersion version = http.version() == null ? HttpVersion.HTTP_1_1 : http.version();
    int connections = http.connections() == null ? Http.DEFAULT_CONNECTIONS : http.connections();
    long timeout = target.timeout() == null ? DEFAULT_TIMEOUT.toNanos() : Durations.parse(target.timeout()).toNanos();

    Map<String, String> common = new LinkedHashMap<>();
    if (target.headers() != null) {
      common.putAll(target.headers());
    }
    if (target.secretHeaders() != null) {
      for (SecretHeader h : target.secretHeaders()) {
        common.put(h.name(), secrets.value(h.secretKeyRef()));
      }
    }
    List<RequestTemplate> templates = new ArrayList<>();
    List<Journey> journeys = new ArrayList<>();
    int[] weights;
    if (plan.scenarios() != null) {
      weights = new int[plan.scenarios().size()];
      for (int s = 0; s < plan.scenarios().size(); s++) {
        Scenario scenario = plan.scenarios().get(s);
        journeys.add(Journey.compile(scenario, templates.size(), tables));
        for (Step step : scenario.steps()) {
          if (step.request() != null) {
            templates.add(template(templates.size(), step.request().asRequest(), endpoint, common));
          }
        }
        weights[s] = journeys.get(s).weight();
      }
    } else {
      weights = new int[plan.requests().size()];
      for (int i = 0; i < plan.requests().size(); i++) {
        RequestSpec r = plan.requests().get(i);
        templates.add(template(i, r, endpoint, common));
        weights[i] = r.weight() == null ? 1 : r.weight();
      }
    }

    Load load = plan.load();
    LoadModel model = load.model() == null ? LoadModel.Open : load.model();
    long warmup = load.warmup() == null ? 0 : Durations.parse(load.warmup()).toNanos();
    List<Phase> phases = new ArrayList<>();
    for (Stage s : load.stages()) {
      double rate = s.rate() == null ? 0 : s.rate();
      phases.add(
          new Phase(
              Durations.parse(s.duration()).toNanos(),
              rate,
              s.rampTo() == null ? rate : s.rampTo(),
              s.users() == null ? 0 : s.users(),
              s.thinkTime() == null ? 0 : Durations.parse(s.thinkTime()).toNanos()));
    }
    return new ExecutionPlan(
        endpoint, version, connections, timeout, List.copyOf(templates), WeightedMix.of(weights),
        model, warmup, List.copyOf(phases), target.tracing() == null ? 0 : target.tracing().fraction(),
        List.copyOf(journeys), List.copyOf(data));
  }

  private static RequestTemplate template(
      int index, RequestSpec r, Endpoint endpoint, Map<String, String> common) {
    Map<String, String> headers = new LinkedHashMap<>(common);
    if (r.headers() != null) {
      headers.putAll(r.headers());
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    headers.forEach((k, v) -> entries.add(new SimpleImmutableEntry<>(k, v)));
    String path = r.path() == null || r.path().isEmpty() ? "/" : r.path();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
    int[] expected =
        r.expectStatus() == null ? new int[0] : r.expectStatus().stream().mapToInt(Integer::intValue).toArray();
    String method = r.method() == null ? "GET" : r.method();
    return new RequestTemplate(index, r.name(), method, endpoint.basePath() + path, List.copyOf(entries), body, expected);
  }

  /** Sum of stage durations, warmup excluded. */
  public long measuredNanos() {
    long sum = 0;
    for (Phase p : stages) {
      sum += p.durationNanos();
    }
    return sum;
  }

  /** Names of the requests, in plan order. */
  public List<String> requestNames() {
    return requests.stream().map(RequestTemplate::name).toList();
  }
}
