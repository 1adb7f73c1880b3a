package dev.headroom.operator;

import dev.headroom.operator.kube.KubernetesCluster;
import dev.headroom.operator.run.RunTiming;
import dev.headroom.operator.run.WorkerLinks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: JOSDK with the LoadTest reconciler on the configured namespaces (with
 * leader election when enabled), probes on the health port ({@code /healthz}: every event source
 * healthy; {@code /readyz}: started) and Prometheus metrics on the metrics port ({@code /metrics}).
 */
public final class OperatorRuntime implements AutoCloseable {

  /** The lease the replicas compete for, in the operator's own namespace. */
  public static final String LEASE = "headroom-operator";

  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  private final Operator operator;
  private final Vertx vertx;
  private final EndpointServer health;
  private final EndpointServer metrics;

  private OperatorRuntime(Operator operator, Vertx vertx, EndpointServer health, EndpointServer metrics) {
    this.operator = operator;
    this.vertx = vertx;
    this.health = health;
    this.metrics = metrics;
  }

  /**
   * Starts everything; returns once the operator has started (caches synced).
   *
   * @throws IOException when a probe or metrics port cannot be had
   */
  public static OperatorRuntime start(OperatorConfig config) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Operator operator = new Operator(o -> {
      o.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (config.leaderElection()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(LEASE, config.podNamespace()));
      }
    });
    // Worker calls are small and few: one event loop is plenty, and the generator's cores stay free.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(3_000));
    Clock clock = Clock.systemUTC();
    LoadTestReconciler reconciler = new LoadTestReconciler(config,
        new KubernetesCluster(operator.getKubernetesClient(), clock), WorkerLinks.http(http),
        RunTiming.standard(config.readyTimeout()), clock, new OperatorMetrics(registry));
    operator.register(reconciler, c -> {
      if (config.watchesAllNamespaces()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(config.watchNamespaces());
      }
    });
    RuntimeInfo info = operator.getRuntimeInfo();
    EndpointServer health = EndpointServer.start("health", config.healthPort(), Map.of(
        "/healthz", () -> healthz(info),
        "/readyz", () -> EndpointServer.Reply.text(info.isStarted(), info.isStarted() ? "started" : "starting")));
    EndpointServer metrics = EndpointServer.start("metrics", config.metricsPort(), Map.of(
        "/metrics", () -> new EndpointServer.Reply(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
    OperatorRuntime runtime = new OperatorRuntime(operator, vertx, health, metrics);
    LOG.info("watching LoadTests in {}; worker image {}; health :{}, metrics :{}{}",
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
    try {
      operator.stop();
    } finally {
      health.close();
      metrics.close();
      vertx.close().await();
    }
  }
}
