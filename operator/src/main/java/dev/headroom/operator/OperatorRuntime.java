package dev.headroom.operator;

import dev.headroom.operator.kube.KubernetesCluster;
import dev.headroom.operator.run.RunTiming;
import dev.headroom.operator.schedule.FileClock;
import dev.headroom.operator.schedule.LoadTestScheduleReconciler;
import dev.headroom.operator.run.WorkerLinks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with the LoadTest and LoadTestSchedule reconcilers on the configured
 * namespaces (with leader election when enabled), probes on the health port ({@code /healthz}: every
 * event source healthy; {@code /readyz}: started) and Prometheus metrics on the metrics port
 * ({@code /metrics}).
 */
public final class OperatorRuntime implements AutoCloseable {

  /** The lease the replicas compete for, in the operator's own namespace. */
  public static final String LEASE = "headroom-operator";

  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  private final Operator operator;
  private final Vertx vertx;
  private final EndpointServer health;
  private final EndpointServer metrics;
  private final AtomicBoolean stopping;

  private OperatorRuntime(Operator operator, Vertx vertx, EndpointServer health, EndpointServer metrics,
      AtomicBoolean stopping) {
    this.operator = operator;
    this.vertx = vertx;
    this.health = health;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  /**
   * Starts everything; returns once the operator has started (caches synced).
   *
   * @throws IOException when a probe or metrics port cannot be had
   */
  public static OperatorRuntime start(OperatorConfig config) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AtomicBoolean stopping = new AtomicBoolean();
    OperatorMetrics operatorMetrics = new OperatorMetrics(registry, config.metricsRetention(), !config.leaderElection());
    Operator operator = new Operator(o -> {
      o.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (config.leaderElection()) {
        o.withLeaderElectionConfiguration(leaderElection(config.podNamespace(), stopping, operatorMetrics));
      }
    });
    // Worker calls are small and few: one event loop is plenty, and the generator's cores stay free.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(3_000));
    Clock clock = Clock.systemUTC();
    KubernetesCluster cluster = new KubernetesCluster(operator.getKubernetesClient(), clock);
    LoadTestReconciler reconciler = new LoadTestReconciler(config, cluster, WorkerLinks.http(http),
        RunTiming.standard(config.readyTimeout(), config.checkpointEvery()), clock, operatorMetrics);
    operator.register(reconciler, c -> watch(c, config));
    operator.register(scheduleReconciler(config, cluster), c -> watch(c, config));
    RuntimeInfo info = operator.getRuntimeInfo();
    EndpointServer health = EndpointServer.start("health", config.bindHost(), config.healthPort(), Map.of(
        "/healthz", () -> healthz(info),
        "/readyz", () -> EndpointServer.Reply.text(info.isStarted(), info.isStarted() ? "started" : "starting")));
    // Reports share the metrics port: the Service that exposes it is where users already reach the operator.
    ReportRoutes reports = new ReportRoutes(cluster, config.watchNamespaces());
    EndpointServer metrics = EndpointServer.start("metrics", config.bindHost(), config.metricsPort(), Map.of(
        "/metrics", () -> {
          // Finished runs' series expire when someone looks: nothing to schedule, nothing stale shown.
          operatorMetrics.runs().expire(clock.instant());
          return new EndpointServer.Reply(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
        }),
        config.reports() ? Map.of(ReportRoutes.PREFIX, reports::answer) : Map.of());
    OperatorRuntime runtime = new OperatorRuntime(operator, vertx, health, metrics, stopping);
    LOG.info("watching LoadTests and LoadTestSchedules in {}; worker image {}; health :{}, metrics :{}{}",
        config.watchesAllNamespaces() ? "all namespaces" : String.join(", ", config.watchNamespaces()),
        config.workerImage(), health.port(), metrics.port(),
        config.leaderElection() ? "; leader election on lease " + config.podNamespace() + "/" + LEASE : "");
    try {
      operator.start();
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    return runtime;
  }

  /** Both reconcilers watch the same namespaces: a schedule's runs are where the schedule is. */
  private static void watch(ControllerConfigurationOverrider<?> c, OperatorConfig config) {
    if (config.watchesAllNamespaces()) {
      c.watchingAllNamespaces();
    } else {
      c.settingNamespaces(config.watchNamespaces());
    }
  }

  /**
   * Schedules on the real time; or, for tests, on the time in {@code HEADROOM_CLOCK_FILE}, looked at
   * every second because a test moves it in jumps.
   */
  private static LoadTestScheduleReconciler scheduleReconciler(OperatorConfig config, KubernetesCluster cluster) {
    if (config.clockFile() == null) {
      return new LoadTestScheduleReconciler(cluster, config.policy(), Clock.systemUTC(), null);
    }
    LOG.warn("schedules follow the clock in {} ({}), not the real time: for tests only", config.clockFile(),
        OperatorConfig.CLOCK_FILE);
    return new LoadTestScheduleReconciler(cluster, config.policy(), new FileClock(config.clockFile()),
        Duration.ofSeconds(1));
  }

  /**
   * The lease in the operator's namespace. A replica that loses it exits, so that only the leader
   * acts; but not when it gives the lease up because it is being stopped: exiting from within the
   * shutdown (JOSDK's own way) would wait on the shutdown itself, and the process would never end.
   */
  private static LeaderElectionConfiguration leaderElection(String namespace, AtomicBoolean stopping,
      OperatorMetrics metrics) {
    LeaderCallbacks callbacks = new LeaderCallbacks(
        () -> {
          LOG.info("leading: this replica reconciles");
          metrics.lead();
        },
        () -> {
          if (!stopping.get()) {
            LOG.warn("lost the leader-election lease; exiting so that only the leader acts");
            new Thread(() -> System.exit(1), "headroom-lost-lease").start();
          }
        },
        leader -> LOG.info("the leader is {}", leader));
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE)
        .withLeaseNamespace(namespace)
        .withLeaderCallbacks(callbacks)
        .withExitOnStopLeading(false)
        .build();
  }

  /** Before the start there is nothing to be unhealthy yet; after it, every event source must be. */
  private static EndpointServer.Reply healthz(RuntimeInfo info) {
    if (!info.isStarted()) {
      return EndpointServer.Reply.text(true, "starting");
    }
    boolean healthy = info.allEventSourcesAreHealthy();
    return EndpointServer.Reply.text(healthy, healthy ? "ok" : "unhealthy event sources: " + info.unhealthyEventSources());
  }

  public int healthPort() {
    return health.port();
  }

  public int metricsPort() {
    return metrics.port();
  }

  @Override
  public void close() {
    stopping.set(true);
    try {
      operator.stop();
    } finally {
      health.close();
      metrics.close();
      vertx.close().await();
    }
  }
}
