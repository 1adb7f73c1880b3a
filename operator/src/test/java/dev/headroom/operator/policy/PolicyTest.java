package dev.headroom.operator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.operator.LoadTests;
import dev.headroom.plan.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin's limits: target hosts, total rate, workers. */
class PolicyTest {

  static LoadTestSpec spec(String url, String stages, int replicas) {
    return LoadTests.named("t", """
        target: {url: %s}
        requests: [{name: home, path: /}]
        load: {stages: %s}
        workers: {replicas: %d}
        """.formatted(url, stages, replicas)).getSpec();
  }

  static LoadTestSpec open(String url) {
    return spec(url, "[{duration: 10s, rate: 10}]", 1);
  }

  @Test
  void noPolicyAllowsAnything() {
    assertEquals(List.of(), Policy.NONE.check(spec("http://anywhere.example.com", "[{duration: 1s, rate: 1000000}]", 999)));
  }

  @Test
  void hostGlobsMatchWholeHostsAcrossDotsIgnoringCaseAndPort() {
    Policy p = new Policy(List.of("*.svc", "*.shop.svc.cluster.local", "demo"), null, null);
    assertEquals(List.of(), p.check(open("http://checkout.shop.svc:8080/api")));
    assertEquals(List.of(), p.check(open("http://a.b.c.svc")));
    assertEquals(List.of(), p.check(open("https://Checkout.Shop.SVC.cluster.local")));
    assertEquals(List.of(), p.check(open("http://demo:80")));
    assertEquals(List.of(new Problem("spec.target.url",
            "host 'example.com' is not allowed by the policy (allowed: *.svc, *.shop.svc.cluster.local, demo)")),
        p.check(open("http://example.com/x.svc")));
    assertFalse(p.check(open("http://evil.svc.example.com")).isEmpty(), "a glob matches the whole host");
    assertFalse(p.check(open("http://demo.other")).isEmpty());
    assertFalse(p.check(open("http://other.shop.svc.cluster.local.evil")).isEmpty());
  }

  @Test
  void globsMatchWhereTheStarIs() {
    assertTrue(Policy.matches("api-*.prod.svc", "api-eu.prod.svc"));
    assertFalse(Policy.matches("api-*.prod.svc", "web-eu.prod.svc"));
    assertTrue(Policy.matches("*", "anything.at.all"));
    assertTrue(Policy.matches("10.0.*", "10.0.3.4"), "a dot is a dot, not any character");
    assertFalse(Policy.matches("10.0.*", "10x0.3.4"));
  }

  @Test
  void everyStageRateAndRampEndCountsAgainstTheTotal() {
    Policy p = new Policy(List.of(), 1000.0, null);
    LoadTestSpec spec = spec("http://x.svc",
        "[{duration: 10s, rate: 100, rampTo: 1500}, {duration: 10s, rate: 1000}, {duration: 10s, rate: 1000.5}]", 4);
    assertEquals(List.of(
            new Problem("spec.load.stages[0].rampTo", "1500 requests/s in total is more than the policy allows (1000)"),
            new Problem("spec.load.stages[2].rate", "1000.5 requests/s in total is more than the policy allows (1000)")),
        p.check(spec), "rates are totals across all workers: 4 workers do not divide the limit");
  }

  @Test
  void closedModelUsersAreBoundByTheirThinkTime() {
    Policy p = new Policy(List.of(), 1000.0, null);
    assertEquals(List.of(), p.check(closed("[{duration: 10s, users: 100, thinkTime: 100ms}]")),
        "100 users pausing 100 ms send at most 1000 requests/s");
    assertEquals(List.of(
            new Problem("spec.load.stages[0].thinkTime", "64 users without a think time have no bound on their rate;"
                + " the policy allows 1000 in total, which needs a think time of at least 64ms"),
            new Problem("spec.load.stages[1].thinkTime", "100 users pausing 50ms may send up to 2000 requests/s;"
                + " the policy allows 1000 in total, which needs a think time of at least 100ms")),
        p.check(closed("[{duration: 10s, users: 64}, {duration: 10s, users: 100, thinkTime: 50ms}]")));
    assertEquals(List.of(), Policy.NONE.check(closed("[{duration: 10s, users: 64}]")), "no limit, no bound needed");
  }

  static LoadTestSpec closed(String stages) {
    return LoadTests.named("c", """
        target: {url: http://x.svc}
        requests: [{name: home, path: /}]
        load: {model: Closed, stages: %s}
        """.formatted(stages)).getSpec();
  }

  @Test
  void aCapacitySearchIsBoundByItsMaxRate() {
    LoadTestSpec search = LoadTests.named("c", """
        target: {url: http://x.svc}
        requests: [{name: home, path: /}]
        capacity: {slo: {p99: 100ms}, startRate: 10, maxRate: 5000, stepDuration: 10s}
        """).getSpec();
    assertEquals(List.of(new Problem("spec.capacity.maxRate",
        "5000 requests/s in total is more than the policy allows (2000)")), new Policy(List.of(), 2000.0, null).check(search));
    assertEquals(List.of(), new Policy(List.of(), 5000.0, null).check(search));
  }

  @Test
  void replicasAreBoundByMaxWorkers() {
    Policy p = new Policy(List.of(), null, 10);
    assertEquals(List.of(), p.check(spec("http://x", "[{duration: 1s, rate: 1}]", 10)));
    assertEquals(List.of(new Problem("spec.workers.replicas", "11 workers is more than the policy allows (10)")),
        p.check(spec("http://x", "[{duration: 1s, rate: 1}]", 11)));
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    Policy p = new Policy(List.of("*.svc"), 10.0, 1);
    assertEquals(List.of("spec.target.url", "spec.load.stages[0].rate", "spec.workers.replicas"),
        p.check(spec("http://x.com", "[{duration: 1s, rate: 11}]", 2)).stream().map(Problem::path).toList());
  }
}
