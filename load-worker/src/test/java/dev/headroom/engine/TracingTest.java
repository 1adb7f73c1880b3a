package dev.headroom.engine;

import static dev.headroom.testing.Plans.get;
import static dev.headroom.testing.Plans.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Http;
import dev.headroom.plan.HttpVersion;
import dev.headroom.plan.Load;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Plan;
import dev.headroom.plan.SecretSource;
import dev.headroom.plan.Target;
import dev.headroom.plan.Tracing;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.SlowRequest;
import dev.headroom.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trace context against a real server on loopback that records every {@code traceparent} it
 * receives and answers each traced request after a delay it reads from the trace id, so the test
 * knows which requests were slowest.
 */
class TracingTest {

  private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
  /** A traced request whose trace id ends in {@code f} (one in 16) is held this long; others not at all. */
  private static final long SLOW_MS = 300;

  private static Vertx vertx;
  private static HttpServer server;
  private static final Map<String, Long> received = new ConcurrentHashMap<>();
  private static final AtomicLong untraced = new AtomicLong();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = Await.result(
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(request -> {
              String header = request.getHeader(Tracing.HEADER);
              if (header == null) {
                untraced.incrementAndGet();
                request.response().end("ok");
                return;
              }
              assertTrue(TRACEPARENT.matcher(header).matches(), header);
              String traceId = header.substring(3, 35);
              long delay = delayOf(traceId);
              received.put(traceId, delay);
              vertx.setTimer(Math.max(1, delay), t -> request.response().end("ok"));
            })
            .listen(),
        Duration.ofSeconds(10));
    // The JVM's first requests take hundreds of milliseconds (class loading, JIT), which would
    // outrank the requests the server holds: warm up before any test measures.
    run(plan(HttpVersion.HTTP_1_1, new Tracing("100%", null), "5s", 50));
    run(plan(HttpVersion.HTTP_2, new Tracing("100%", null), "5s", 50));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close(), Duration.ofSeconds(10));
  }

  private static long delayOf(String traceId) {
    return traceId.endsWith("f") ? SLOW_MS : 0;
  }

  private static ExecutionPlan plan(HttpVersion version, Tracing tracing, String timeout, double rate) {
    Target target = new Target("http://127.0.0.1:" + server.actualPort(), null, null, timeout,
        new Http(version, 64), null, tracing);
    Plan plan = new Plan(target, List.of(get("traced", "/", 1)), new Load(LoadModel.Open, null, List.of(rate("4s", rate))));
    return ExecutionPlan.compile(plan, SecretSource.NONE);
  }

  private static List<IntervalReport> run(ExecutionPlan plan) {
    received.clear();
    untraced.set(0);
    List<List<IntervalReport>> runs = WorkerRuns.run(vertx, plan, 2, Duration.ofSeconds(30));
    return runs.stream().flatMap(Collection::stream).toList();
  }

  @ParameterizedTest
  @EnumSource(HttpVersion.class)
  void everySampledRequestCarriesAFreshTraceAndTheSlowestAreKeptPerInterval(HttpVersion version) {
    List<IntervalReport> intervals = run(plan(version, new Tracing("100%", null), "5s", 50));

    assertEquals(0, untraced.get(), "at 100% every request is traced");
    assertEquals(200, received.size(), "every request carried its own trace id");
    long slowSent = received.values().stream().filter(d -> d == SLOW_MS).count();
    long slowReported = 0;
    for (IntervalReport interval : intervals) {
      List<SlowRequest> slow = interval.slowest();
      assertTrue(slow.size() <= SlowRequest.PER_INTERVAL, "at most " + SlowRequest.PER_INTERVAL + " per interval");
      for (int i = 0; i < slow.size(); i++) {
        SlowRequest s = slow.get(i);
        Long delay = received.get(s.traceId());
        assertTrue(delay != null, "a reported trace id reached the target: " + s.traceId());
        assertTrue(s.latencyUs() >= delay * 1000, "latency covers the server's delay: " + s);
        assertEquals(200, s.status());
        assertEquals("traced", s.request());
        if (i > 0) {
          assertTrue(slow.get(i - 1).latencyUs() >= s.latencyUs(), "slowest first: " + slow);
          assertTrue(delay <= received.get(slow.get(i - 1).traceId()), "a held request ranks first: " + slow);
        }
        slowReported += delay == SLOW_MS ? 1 : 0;
      }
    }
    assertTrue(slowSent > 0, "some trace ids end in f");
    // Eight worker-intervals keep three each; the ~12 held requests rarely crowd one past three.
    assertTrue(slowReported * 2 >= slowSent, "most held requests are among their interval's slowest: "
        + slowReported + " of " + slowSent);
  }

  @Test
  void aShareOfRequestsIsTracedAndTheRestAreUntouched() {
    run(plan(HttpVersion.HTTP_1_1, new Tracing("10%", null), "5s", 100));
    long traced = received.size();
    assertEquals(400, traced + untraced.get());
    // Binomial(400, 0.1): mean 40, standard deviation 6; these bounds are 4 deviations out.
    assertTrue(traced >= 16 && traced <= 64, "about 10% traced: " + traced);
  }

  @Test
  void withoutTracingNoRequestCarriesTheHeaderAndNoIntervalNamesATrace() {
    List<IntervalReport> intervals = run(plan(HttpVersion.HTTP_1_1, null, "5s", 50));
    assertEquals(0, received.size());
    assertEquals(200, untraced.get());
    assertTrue(intervals.stream().allMatch(i -> i.slowest().isEmpty()));
  }

  @Test
  void aTracedRequestThatTimesOutIsKeptWithoutAStatus() {
    List<IntervalReport> intervals = run(plan(HttpVersion.HTTP_1_1, new Tracing("100%", null), "100ms", 25));
    List<SlowRequest> timedOut = intervals.stream().flatMap(i -> i.slowest().stream())
        .filter(SlowRequest::timedOut).toList();
    assertTrue(!timedOut.isEmpty(), "requests held 300 ms time out at 100 ms");
    for (SlowRequest s : timedOut) {
      assertEquals(SLOW_MS, received.get(s.traceId()), "only a request the target held times out: " + s);
      assertTrue(s.latencyUs() >= 100_000, s.toString());
    }
  }
}
