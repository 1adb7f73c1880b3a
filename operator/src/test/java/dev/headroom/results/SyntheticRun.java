package dev.headroom.results;

import dev.headroom.report.ErrorKind;
import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A run as workers would report it, generated from a seed: lognormal latencies around a few
 * milliseconds with a slow tail, about 1% errors of several kinds, one-second intervals. Beside the
 * intervals it keeps what a single recorder would have seen of every measured request, the
 * reference the merge must equal.
 */
final class SyntheticRun {

  static final long START_MS = 1_700_000_000_000L;
  static final List<String> NAMES = List.of("browse", "order");

  final List<List<IntervalReport>> byWorker = new ArrayList<>();
  final Histogram all = HistogramCodec.newHistogram();
  final Map<String, Histogram> byRequest = new HashMap<>();
  final Map<Integer, Histogram> byStage = new TreeMap<>();
  final Map<String, Long> requestsByName = new HashMap<>();
  final Map<String, Long> errorsByKind = new TreeMap<>();
  long requests;
  long errors;

  private final Random random;

  /**
   * @param stageSeconds seconds of each stage; warmup seconds come first with stage -1
   * @param perSecond requests per worker-second across the mix (browse 9 : order 1)
   */
  SyntheticRun(long seed, int workers, int warmupSeconds, List<Integer> stageSeconds, int perSecond) {
    random = new Random(seed);
    List<Integer> stageOfSecond = new ArrayList<>();
    for (int i = 0; i < warmupSeconds; i++) {
      stageOfSecond.add(-1);
    }
    for (int stage = 0; stage < stageSeconds.size(); stage++) {
      for (int i = 0; i < stageSeconds.get(stage); i++) {
        stageOfSecond.add(stage);
      }
    }
    for (int w = 0; w < workers; w++) {
      List<IntervalReport> reports = new ArrayList<>();
      for (int seq = 0; seq < stageOfSecond.size(); seq++) {
        reports.add(interval(seq, stageOfSecond.get(seq), perSecond));
      }
      byWorker.add(reports);
    }
  }

  /** Every worker's intervals, worker by worker. */
  List<Map.Entry<Integer, IntervalReport>> all() {
    List<Map.Entry<Integer, IntervalReport>> out = new ArrayList<>();
    for (int w = 0; w < byWorker.size(); w++) {
      for (IntervalReport r : byWorker.get(w)) {
        out.add(Map.entry(w, r));
      }
    }
    return out;
  }

  RunResults feed(RunResults results) {
    all().forEach(e -> results.add(e.getKey(), e.getValue()));
    return results;
  }

  private IntervalReport interval(int seq, int stage, int perSecond) {
    Map<String, RequestInterval> requests = new LinkedHashMap<>();
    for (String name : NAMES) {
      int share = name.equals("browse") ? perSecond * 9 / 10 : perSecond / 10;
      int n = Math.max(0, share + (int) Math.round(random.nextGaussian() * Math.sqrt(share)));
      requests.put(name, requestInterval(name, stage, n));
    }
    long start = START_MS + seq * 1000L;
    boolean saturated = random.nextDouble() < 0.02;
    GeneratorHealth health = new GeneratorHealth(120, 900, saturated ? 0.95 : 0.4, 3, saturated, null);
    return new IntervalReport(seq, stage, start, start + 1000, requests, health);
  }

  private RequestInterval requestInterval(String name, int stage, int n) {
    Histogram h = HistogramCodec.newHistogram();
    Map<String, Long> kinds = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      double p = random.nextDouble();
      String kind = p < 0.005 ? "status_503" : p < 0.008 ? ErrorKind.TIMEOUT.key() : p < 0.01 ? ErrorKind.RESET.key() : null;
      boolean responded = kind == null || kind.startsWith("status_");
      long micros = latency(kind);
      if (responded) {
        h.recordValue(micros);
      }
      if (kind != null) {
        kinds.merge(kind, 1L, Long::sum);
      }
      if (stage >= 0) {
        if (responded) {
          all.recordValue(micros);
          byRequest.computeIfAbsent(name, k -> HistogramCodec.newHistogram()).recordValue(micros);
          byStage.computeIfAbsent(stage, k -> HistogramCodec.newHistogram()).recordValue(micros);
        }
        if (kind != null) {
          errors++;
          errorsByKind.merge(kind, 1L, Long::sum);
        }
      }
    }
    if (stage >= 0) {
      requests += n;
      requestsByName.merge(name, (long) n, Long::sum);
    }
    return new RequestInterval(n, kinds, n * 512L, HistogramCodec.encode(h));
  }

  private long latency(String kind) {
    if (ErrorKind.TIMEOUT.key().equals(kind)) {
      return 5_000_000;
    }
    double micros = Math.exp(Math.log(6_000) + 0.7 * random.nextGaussian());
    if (random.nextDouble() < 0.01) {
      micros = 100_000 + random.nextDouble() * 2_000_000;
    }
    return Math.max(50, Math.round(micros));
  }
}
