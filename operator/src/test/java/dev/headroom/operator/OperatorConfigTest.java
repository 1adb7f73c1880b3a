package dev.headroom.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.operator.policy.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings from the environment the chart sets, and a clear word on each bad one. */
class OperatorConfigTest {

  @Test
  void defaultsWatchEverythingWithNoPolicyOnTheUsualPorts() {
    OperatorConfig c = OperatorConfig.fromEnv(Map.of());
    assertTrue(c.watchesAllNamespaces());
    assertEquals(Policy.NONE, c.policy());
    assertFalse(c.leaderElection());
    assertEquals(8080, c.metricsPort());
    assertEquals(8081, c.healthPort());
    assertEquals(Duration.ofMinutes(5), c.readyTimeout());
    assertEquals(Duration.ofSeconds(30), c.checkpointEvery());
    assertEquals(Duration.ofMinutes(5), c.metricsRetention());
    assertEquals("0.0.0.0", c.bindHost());
    assertTrue(c.workerImage().startsWith("headroom-worker:"), c.workerImage());
    assertNull(c.clockFile(), "schedules follow the real time");
  }

  @Test
  void everySettingIsRead() {
    OperatorConfig c = OperatorConfig.fromEnv(Map.of(
        "HEADROOM_WORKER_IMAGE", "reg.example/headroom-worker:0.1.0",
        "HEADROOM_WATCH_NAMESPACES", " load-tests, shop ,",
        "HEADROOM_POLICY_ALLOWED_HOSTS", "*.svc,*.shop.svc.cluster.local",
        "HEADROOM_POLICY_MAX_RATE", "5000.5",
        "HEADROOM_POLICY_MAX_WORKERS", "20",
        "HEADROOM_LEADER_ELECTION", "TRUE",
        "POD_NAMESPACE", "headroom-system",
        "HEADROOM_METRICS_PORT", "9090",
        "HEADROOM_HEALTH_PORT", "9091",
        "HEADROOM_READY_TIMEOUT", "90s"));
    assertEquals("reg.example/headroom-worker:0.1.0", c.workerImage());
    assertEquals(Set.of("load-tests", "shop"), c.watchNamespaces());
    assertFalse(c.watchesAllNamespaces());
    assertEquals(new Policy(List.of("*.svc", "*.shop.svc.cluster.local"), 5000.5, 20), c.policy());
    assertTrue(c.leaderElection());
    assertEquals("headroom-system", c.podNamespace());
    assertEquals(9090, c.metricsPort());
    assertEquals(9091, c.healthPort());
    assertEquals(Duration.ofSeconds(90), c.readyTimeout());
    assertEquals(Duration.ofMinutes(1),
        OperatorConfig.fromEnv(Map.of("HEADROOM_CHECKPOINT_INTERVAL", "1m")).checkpointEvery());
    assertEquals(Duration.ofSeconds(90),
        OperatorConfig.fromEnv(Map.of("HEADROOM_METRICS_RETENTION", "90s")).metricsRetention());
    assertEquals(java.nio.file.Path.of("/tmp/e2e/now"),
        OperatorConfig.fromEnv(Map.of("HEADROOM_CLOCK_FILE", "/tmp/e2e/now")).clockFile());
    assertEquals("http://headroom-metrics.ops.svc:8080",
        OperatorConfig.fromEnv(Map.of("HEADROOM_REPORT_URL", "http://headroom-metrics.ops.svc:8080")).reportUrl());
  }

  @Test
  void reportPagesAreServedUnlessTurnedOffAndThenNoStatusNamesOne() {
    String url = "http://headroom-metrics.ops.svc:8080";
    assertTrue(OperatorConfig.fromEnv(Map.of("HEADROOM_REPORT_URL", url)).reports());
    OperatorConfig off = OperatorConfig.fromEnv(Map.of("HEADROOM_REPORT_URL", url, "HEADROOM_REPORTS", "false"));
    assertFalse(off.reports());
    assertNull(off.reportUrl(), "a status must not name a page that is not served");
    OperatorConfig.Invalid e = assertThrows(OperatorConfig.Invalid.class,
        () -> OperatorConfig.fromEnv(Map.of("HEADROOM_REPORTS", "no")));
    assertEquals(List.of("HEADROOM_REPORTS: 'no' must be true or false"), e.problems());
  }

  @Test
  void aReportUrlIsAnAddressWithNothingAfterIt() {
    OperatorConfig.Invalid e = assertThrows(OperatorConfig.Invalid.class,
        () -> OperatorConfig.fromEnv(Map.of("HEADROOM_REPORT_URL", "http://x:8080/reports/")));
    assertEquals(List.of("HEADROOM_REPORT_URL: must be http(s)://host[:port] with nothing after it, got"
        + " 'http://x:8080/reports/'"), e.problems());
  }

  @Test
  void everyBadValueIsNamedInOneGo() {
    OperatorConfig.Invalid e = assertThrows(OperatorConfig.Invalid.class, () -> OperatorConfig.fromEnv(Map.of(
        "HEADROOM_WATCH_NAMESPACES", "ok,Not_A_Namespace",
        "HEADROOM_POLICY_ALLOWED_HOSTS", "*.svc,http://x/",
        "HEADROOM_POLICY_MAX_RATE", "lots",
        "HEADROOM_POLICY_MAX_WORKERS", "0",
        "HEADROOM_LEADER_ELECTION", "yes",
        "HEADROOM_METRICS_PORT", "70000",
        "HEADROOM_READY_TIMEOUT", "5 minutes",
        "HEADROOM_CHECKPOINT_INTERVAL", "often")));
    assertEquals(List.of(
        "HEADROOM_WATCH_NAMESPACES: 'Not_A_Namespace' is not a namespace name (lower case letters, digits and '-')",
        "HEADROOM_POLICY_ALLOWED_HOSTS: 'http://x/' is not a host pattern (a host name where * matches any text, e.g. *.svc)",
        "HEADROOM_POLICY_MAX_RATE: 'lots' is not a number > 0",
        "HEADROOM_POLICY_MAX_WORKERS: '0' is not a whole number > 0",
        "HEADROOM_LEADER_ELECTION: 'yes' must be true or false",
        "HEADROOM_METRICS_PORT: '70000' is not a port (1-65535)",
        "HEADROOM_READY_TIMEOUT: '5 minutes' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)",
        "HEADROOM_CHECKPOINT_INTERVAL: 'often' is not a duration (use a number and a unit: ns, us, ms, s, m, h; e.g. 250ms, 30s, 2m)"),
        e.problems());
    assertFalse(e.getMessage().contains("Exception"));
  }

  @Test
  void leaderElectionNeedsTheLeaseNamespace() {
    OperatorConfig.Invalid e = assertThrows(OperatorConfig.Invalid.class,
        () -> OperatorConfig.fromEnv(Map.of("HEADROOM_LEADER_ELECTION", "true")));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).startsWith("POD_NAMESPACE: required when HEADROOM_LEADER_ELECTION is true"));
  }

  @Test
  void portsMustDifferAndTheTimeoutMustBePositive() {
    OperatorConfig.Invalid e = assertThrows(OperatorConfig.Invalid.class, () -> OperatorConfig.fromEnv(Map.of(
        "HEADROOM_METRICS_PORT", "8081", "HEADROOM_POLICY_MAX_RATE", "-1", "HEADROOM_READY_TIMEOUT", "0")));
    assertEquals(List.of(
        "HEADROOM_POLICY_MAX_RATE: '-1' is not a number > 0",
        "HEADROOM_HEALTH_PORT: must differ from HEADROOM_METRICS_PORT (both are 8081)",
        "HEADROOM_READY_TIMEOUT: must be longer than 0 (e.g. 5m)"), e.problems());
  }

  @Test
  void probesListenOnThePodsOwnAddressWhereOneIsGiven() {
    assertEquals("127.0.1.7", OperatorConfig.fromEnv(Map.of("HEADROOM_POD_IP", "127.0.1.7")).bindHost());
    assertEquals("10.0.0.1", OperatorConfig.fromEnv(Map.of("HEADROOM_POD_IP", "127.0.1.7", "HEADROOM_BIND", "10.0.0.1")).bindHost());
  }

  @Test
  void blankMeansUnset() {
    OperatorConfig c = OperatorConfig.fromEnv(Map.of("HEADROOM_POLICY_MAX_RATE", " ", "HEADROOM_WATCH_NAMESPACES", ""));
    assertEquals(null, c.policy().maxTotalRate());
    assertTrue(c.watchesAllNamespaces());
  }
}
