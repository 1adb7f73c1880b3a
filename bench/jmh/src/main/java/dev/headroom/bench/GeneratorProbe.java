package dev.headroom.bench;

import dev.headroom.engine.GeneratorVertx;
import dev.headroom.engine.LoadWorker;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Http;
import dev.headroom.plan.HttpVersion;
import dev.headroom.plan.Load;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Plan;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Problem;
import dev.headroom.plan.RequestSpec;
import dev.headroom.plan.SecretSource;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Target;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalBatch;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs one {@link LoadWorker} in this process, one lane, against a URL, and prints what the
 * {@code headroom} CLI does not: the generator's own cost over the measured window (process CPU
 * per 10,000 requests, bytes allocated per request, GC), its send lag across intervals, and the
 * process's peak RSS. Output is {@code key=value} lines on stdout, for {@code bench/run}.
 *
 * <p>Usage: {@code GeneratorProbe URL open RATE|closed USERS WARMUP_S DURATION_S CONNECTIONS}
 *
 * <p>Send lag: the intervals carry their lag histograms, so {@code send_lag_p99_us} is the exact
 * p99 of every send in the measured window; the per-interval p99s are printed too, to show when in
 * the window the lag was.
 */
public final class GeneratorProbe {

  private GeneratorProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6 || !(args[1].equals("open") || args[1].equals("closed"))) {
      System.err.println("usage: GeneratorProbe URL open RATE|closed USERS WARMUP_S DURATION_S CONNECTIONS");
      System.exit(2);
    }
    String url = args[0];
    boolean open = args[1].equals("open");
    double load = Double.parseDouble(args[2]);
    int warmupS = Integer.parseInt(args[3]);
    int durationS = Integer.parseInt(args[4]);
    int connections = Integer.parseInt(args[5]);

    Stage stage = open
        ? new Stage(durationS + "s", load, null, null, null)
        : new Stage(durationS + "s", null, null, (int) load, null);
    Plan plan = new Plan(
        new Target(url, null, null, "5s", new Http(HttpVersion.HTTP_1_1, connections), null, null),
        List.of(new RequestSpec("get", "GET", "/", null, null, null, null)),
        new Load(open ? LoadModel.Open : LoadModel.Closed, warmupS + "s", List.of(stage)));
    List<Problem> problems = PlanValidator.validate(plan, "");
    if (!problems.isEmpty()) {
      System.err.println("GeneratorProbe: invalid plan: " + problems);
      System.exit(2);
    }
    ExecutionPlan compiled = ExecutionPlan.compile(plan, SecretSource.NONE);

    Vertx vertx = GeneratorVertx.create(1);
    try {
      LoadWorker worker = LoadWorker.create(vertx, compiled, 0, 1, LoadWorker.Options.defaults()).await();
      if (worker.connectProblem() != null) {
        System.err.println("GeneratorProbe: cannot connect: " + worker.connectProblem());
        System.exit(3);
      }
      // Loads the management classes now: the first snapshot costs tens of milliseconds of CPU,
      // which, taken at the window's start on the generator's CPU, would show as its send lag.
      ProcessCost.now();
      long startAt = System.currentTimeMillis() + 300;
      worker.start(startAt);
      long windowStart = startAt + warmupS * 1000L;
      long windowEnd = windowStart + durationS * 1000L;
      sleepUntil(windowStart);
      ProcessCost before = ProcessCost.now();
      sleepUntil(windowEnd);
      ProcessCost after = ProcessCost.now();

      long deadline = windowEnd + compiled.timeoutNanos() / 1_000_000 + 10_000;
      IntervalBatch batch = worker.intervalsAfter(-1);
      while (!batch.finished() && System.currentTimeMillis() < deadline) {
        LockSupport.parkNanos(50_000_000L);
        batch = worker.intervalsAfter(-1);
      }
      if (!batch.finished()) {
        System.err.println("GeneratorProbe: the worker did not finish by its deadline");
        System.exit(3);
      }
      System.out.println("window_start_ms=" + windowStart);
      print(summarise(batch.intervals(), durationS, before, after, GeneratorVertx.nativeTransport()));
      worker.close().await();
    } finally {
      vertx.close().await();
    }
  }

  private static List<String> summarise(
      List<IntervalReport> intervals, int durationS, ProcessCost before, ProcessCost after, boolean epoll) {
    Histogram latency = HistogramCodec.newHistogram();
    long requests = 0;
    long errors = 0;
    Map<String, Long> errorKinds = new TreeMap<>();
    List<Long> lagP99 = new ArrayList<>();
    Histogram lag = HistogramCodec.newHistogram();
    long lagMax = 0;
    double busyMax = 0;
    double busySum = 0;
    long stallMax = 0;
    int saturated = 0;
    int measured = 0;
    for (IntervalReport interval : intervals) {
      if (interval.warmup()) {
        continue;
      }
      measured++;
      for (RequestInterval r : interval.requests().values()) {
        requests += r.count();
        errors += r.errorCount();
        r.errors().forEach((kind, n) -> errorKinds.merge(kind, n, Long::sum));
        latency.add(HistogramCodec.decode(r.histogram()));
      }
      GeneratorHealth g = interval.generator();
      lagP99.add(g.sendLagP99Us());
      lag.add(HistogramCodec.decode(g.sendLag()));
      lagMax = Math.max(lagMax, g.sendLagMaxUs());
      busyMax = Math.max(busyMax, g.cpu());
      busySum += g.cpu();
      stallMax = Math.max(stallMax, g.maxStallMs());
      saturated += g.saturated() ? 1 : 0;
    }
    long[] lags = lagP99.stream().mapToLong(Long::longValue).sorted().toArray();
    double cpuSeconds = (after.cpuNanos() - before.cpuNanos()) / 1e9;
    List<String> out = new ArrayList<>();
    out.add("transport=" + (epoll ? "epoll" : "nio"));
    out.add("intervals=" + measured);
    out.add("requests=" + requests);
    out.add("errors=" + errors);
    out.add("errors_by_kind=" + errorKinds.toString().replace(" ", ""));
    out.add("rps=" + fmt(requests / (double) durationS));
    out.add("latency_p50_us=" + latency.getValueAtPercentile(50));
    out.add("latency_p99_us=" + latency.getValueAtPercentile(99));
    out.add("send_lag_p99_us=" + lag.getValueAtPercentile(99));
    out.add("send_lag_p999_us=" + lag.getValueAtPercentile(99.9));
    out.add("send_lag_p99_us_max=" + (lags.length == 0 ? 0 : lags[lags.length - 1]));
    out.add("send_lag_p99_us_median=" + (lags.length == 0 ? 0 : lags[lags.length / 2]));
    out.add("send_lag_p99_us_each=" + Arrays.toString(lagP99.toArray()).replace(" ", ""));
    out.add("send_lag_max_us=" + lagMax);
    out.add("lane_busy_mean=" + fmt(measured == 0 ? 0 : busySum / measured));
    out.add("lane_busy_max=" + fmt(busyMax));
    out.add("stall_max_ms=" + stallMax);
    out.add("saturated_intervals=" + saturated);
    out.add("cpu_seconds=" + fmt(cpuSeconds));
    out.add("cpu_ms_per_10k=" + fmt(requests == 0 ? 0 : cpuSeconds * 1e3 * 10_000 / requests));
    out.add("alloc_bytes_per_request="
        + fmt(requests == 0 ? 0 : (after.allocatedBytes() - before.allocatedBytes()) / (double) requests));
    out.add("gc_count=" + (after.gcCount() - before.gcCount()));
    out.add("gc_ms=" + (after.gcMillis() - before.gcMillis()));
    out.add("peak_rss_mb=" + fmt(ProcessCost.peakRssKb() / 1024.0));
    return out;
  }

  private static void print(List<String> lines) {
    lines.forEach(System.out::println);
    System.out.flush();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static void sleepUntil(long epochMs) {
    long left;
    while ((left = epochMs - System.currentTimeMillis()) > 0) {
      LockSupport.parkNanos(left * 1_000_000L);
    }
  }
}
